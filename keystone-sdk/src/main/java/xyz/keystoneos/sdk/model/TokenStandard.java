package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The token standard of a leg's instrument (the server defaults to ERC-20).
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum TokenStandard {

    /** Fungible token. Wire value {@code ERC-20}. */
    ERC_20("ERC-20"),
    /** Non-fungible token. Wire value {@code ERC-721}. */
    ERC_721("ERC-721"),
    /** Security token. Wire value {@code ERC-1400}. */
    ERC_1400("ERC-1400"),
    /** Permissioned token (T-REX). Wire value {@code ERC-3643}. */
    ERC_3643("ERC-3643"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    TokenStandard(String wire) {
        this.wire = wire;
    }

    /**
     * Returns the value as the API spells it.
     *
     * @return the wire value, or {@code null} for {@link #UNKNOWN}
     */
    @JsonValue
    public String wireValue() {
        return wire;
    }

    /**
     * Returns the constant for a wire value; unknown values give {@link #UNKNOWN}.
     *
     * @param value the wire value (matched exactly, then ignoring case)
     * @return the constant, {@link #UNKNOWN} for an unknown value, or {@code null} for {@code null}
     */
    @JsonCreator
    public static TokenStandard fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (TokenStandard candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (TokenStandard candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
