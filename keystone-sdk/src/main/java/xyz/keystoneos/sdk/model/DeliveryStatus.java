package xyz.keystoneos.sdk.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The status of a webhook delivery.
 *
 * <p>Values a newer server sends that this SDK version does not know read as {@link #UNKNOWN} instead of failing.
 */
public enum DeliveryStatus {

    /** Not delivered yet; {@code next_attempt_at} says when the next attempt runs. Wire value {@code pending}. */
    PENDING("pending"),
    /** The endpoint answered 2xx. Wire value {@code succeeded}. */
    SUCCEEDED("succeeded"),
    /** Every attempt failed; no more attempts. Wire value {@code failed}. */
    FAILED("failed"),

    /** A value this SDK version does not know (sent by a newer server). Never sent to the server. */
    UNKNOWN(null);

    private final String wire;

    DeliveryStatus(String wire) {
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
    public static DeliveryStatus fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (DeliveryStatus candidate : values()) {
            if (value.equals(candidate.wire)) {
                return candidate;
            }
        }
        for (DeliveryStatus candidate : values()) {
            if (value.equalsIgnoreCase(candidate.wire)) {
                return candidate;
            }
        }
        return UNKNOWN;
    }
}
