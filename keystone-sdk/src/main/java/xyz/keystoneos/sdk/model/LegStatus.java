package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The escrow status of a settlement leg.
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum LegStatus {

    /** Not deposited yet. Wire value {@code pending}. */
    PENDING("pending"),
    /** Deposited and locked in escrow. Wire value {@code locked}. */
    LOCKED("locked"),
    /** Delivered to the counterparty. Wire value {@code released}. */
    RELEASED("released"),
    /** Returned to the depositor. Wire value {@code rolled_back}. */
    ROLLED_BACK("rolled_back"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    LegStatus(String wire) {
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
    public static LegStatus fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (LegStatus candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (LegStatus candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
