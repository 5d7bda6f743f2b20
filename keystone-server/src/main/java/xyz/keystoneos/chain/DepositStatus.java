package xyz.keystoneos.chain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an escrowed leg stands. */
public enum DepositStatus {
    @JsonProperty("pending") PENDING,
    @JsonProperty("deposited") DEPOSITED,
    @JsonProperty("released") RELEASED,
    @JsonProperty("refunded") REFUNDED
}
