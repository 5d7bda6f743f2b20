package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a settlement's parties belong to one platform or to several.
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum SettlementType {

    /** Created directly by one platform owning every party. Wire value {@code single_platform}. */
    SINGLE_PLATFORM("single_platform"),
    /** Created by matching instructions of two platforms. Wire value {@code cross_platform}. */
    CROSS_PLATFORM("cross_platform"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    SettlementType(String wire) {
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
    public static SettlementType fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (SettlementType candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (SettlementType candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
