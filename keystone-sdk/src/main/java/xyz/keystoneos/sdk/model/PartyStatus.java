package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The compliance status of a settlement party.
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum PartyStatus {

    /** Not screened yet. Wire value {@code pending}. */
    PENDING("pending"),
    /** Passed screening (or approved by a human). Wire value {@code cleared}. */
    CLEARED("cleared"),
    /** A possible match that waits for a human decision. Wire value {@code flagged}. */
    FLAGGED("flagged"),
    /** Failed screening. Wire value {@code failed}. */
    FAILED("failed"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    PartyStatus(String wire) {
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
    public static PartyStatus fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (PartyStatus candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (PartyStatus candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
