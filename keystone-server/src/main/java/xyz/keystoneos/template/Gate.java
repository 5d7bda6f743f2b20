package xyz.keystoneos.template;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A condition the settlement engine checks before a settlement may enter a state. */
public enum Gate {

    /** Every party has cleared compliance screening. */
    @JsonProperty("compliance")
    COMPLIANCE,

    /** Every leg that delivers has been deposited into escrow. */
    @JsonProperty("all_deposits")
    ALL_DEPOSITS
}
