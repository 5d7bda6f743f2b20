package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A human compliance decision on a flagged settlement.
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum ComplianceDecision {

    /** Clear the flag: the settlement moves to {@code COMPLIANCE_CLEARED}. Wire value {@code approve}. */
    APPROVE("approve"),
    /** Reject: the settlement moves to {@code ROLLED_BACK}. Wire value {@code reject}. */
    REJECT("reject"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    ComplianceDecision(String wire) {
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
    public static ComplianceDecision fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (ComplianceDecision candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (ComplianceDecision candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
