package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of an environment. Instructions only match across environments of the same kind.
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum EnvironmentKind {

    /** Test environment: simulated chain, faucet, test compliance triggers. Wire value {@code sandbox}. */
    SANDBOX("sandbox"),
    /** Live environment. Wire value {@code production}. */
    PRODUCTION("production"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    EnvironmentKind(String wire) {
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
    public static EnvironmentKind fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (EnvironmentKind candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (EnvironmentKind candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
