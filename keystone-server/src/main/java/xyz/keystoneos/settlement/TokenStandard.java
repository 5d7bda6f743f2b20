package xyz.keystoneos.settlement;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The token standard of a leg's instrument (default ERC-20). */
public enum TokenStandard {
    @JsonProperty("ERC-20") ERC_20,
    @JsonProperty("ERC-721") ERC_721,
    @JsonProperty("ERC-1400") ERC_1400,
    @JsonProperty("ERC-3643") ERC_3643;

    public String wire() {
        return name().replace('_', '-');
    }
}
