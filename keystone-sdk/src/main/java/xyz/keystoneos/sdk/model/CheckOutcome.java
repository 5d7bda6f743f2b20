package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The outcome of one compliance screening check.
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum CheckOutcome {

    /** No match. Wire value {@code pass}. */
    PASS("pass"),
    /** A possible match for a human to review. Wire value {@code flagged}. */
    FLAGGED("flagged"),
    /** A match: the settlement rolls back. Wire value {@code fail}. */
    FAIL("fail"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    CheckOutcome(String wire) {
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
    public static CheckOutcome fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (CheckOutcome candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (CheckOutcome candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
