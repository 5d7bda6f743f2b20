package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who pays the settlement fee.
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum FeeMode {

    /** The seller pays. Wire value {@code seller_pays}. */
    SELLER_PAYS("seller_pays"),
    /** The buyer pays. Wire value {@code buyer_pays}. */
    BUYER_PAYS("buyer_pays"),
    /** Both pay half. Wire value {@code split}. */
    SPLIT("split"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    FeeMode(String wire) {
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
    public static FeeMode fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (FeeMode candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (FeeMode candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
