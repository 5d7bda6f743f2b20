package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The state of a settlement in its template's workflow (the seeded templates' states). A state a custom template defines, or one added by a newer server, reads as {@link #UNKNOWN}.
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum SettlementState {

    /** Created; screening starts next. Wire value {@code INSTRUCTED}. */
    INSTRUCTED("INSTRUCTED"),
    /** Parties are being screened, or a flag waits for a human decision. Wire value {@code COMPLIANCE_CHECKING}. */
    COMPLIANCE_CHECKING("COMPLIANCE_CHECKING"),
    /** Every party passed screening. Wire value {@code COMPLIANCE_CLEARED}. */
    COMPLIANCE_CLEARED("COMPLIANCE_CLEARED"),
    /** Waiting for every delivering leg to be deposited into escrow. Wire value {@code AWAITING_DEPOSITS}. */
    AWAITING_DEPOSITS("AWAITING_DEPOSITS"),
    /** All legs deposited; the atomic swap is running. Wire value {@code EXECUTING_SWAP}. */
    EXECUTING_SWAP("EXECUTING_SWAP"),
    /** Settled: assets delivered (terminal, success). Wire value {@code FINALIZED}. */
    FINALIZED("FINALIZED"),
    /** Failed or rejected; deposits returned (terminal, failure). Wire value {@code ROLLED_BACK}. */
    ROLLED_BACK("ROLLED_BACK"),
    /** {@code timeout_at} passed before execution; deposits returned (terminal, failure). Wire value {@code TIMED_OUT}. */
    TIMED_OUT("TIMED_OUT"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    SettlementState(String wire) {
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
    public static SettlementState fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (SettlementState candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (SettlementState candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }

    /**
     * Returns whether a settlement in this state never moves again.
     *
     * @return {@code true} for {@link #FINALIZED}, {@link #ROLLED_BACK} and {@link #TIMED_OUT}
     */
    public boolean isTerminal() {
        return this == FINALIZED || this == ROLLED_BACK || this == TIMED_OUT;
    }
}
