package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The status of a bilateral instruction.
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum InstructionStatus {

    /** Waiting for the counterparty's instruction. Wire value {@code pending_match}. */
    PENDING_MATCH("pending_match"),
    /** Matched; {@code settlement_id} names the settlement. Wire value {@code matched}. */
    MATCHED("matched"),
    /** Cancelled by its platform. Wire value {@code cancelled}. */
    CANCELLED("cancelled"),
    /** Expired before a match. Wire value {@code expired}. */
    EXPIRED("expired"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    InstructionStatus(String wire) {
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
    public static InstructionStatus fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (InstructionStatus candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (InstructionStatus candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
