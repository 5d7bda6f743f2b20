package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The repo role of a settlement; {@code null} on ordinary settlements.
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum SettlementCategory {

    /** The opening leg of a tokenised repo. Wire value {@code repo_open}. */
    REPO_OPEN("repo_open"),
    /** The closing leg of a tokenised repo, created at maturity. Wire value {@code repo_close}. */
    REPO_CLOSE("repo_close"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    SettlementCategory(String wire) {
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
    public static SettlementCategory fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (SettlementCategory candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (SettlementCategory candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
