package xyz.keystoneos.compliance;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a check looked at: the party's name (entity) or its wallet address. */
public enum CheckType {
    @JsonProperty("entity") ENTITY,
    @JsonProperty("wallet") WALLET
}
