package xyz.keystoneos.sdk.model;

import java.math.BigDecimal;
import java.util.Objects;

/** Argument checks shared by the request builders of this package. */
final class Checks {

    private Checks() {
    }

    static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static String nonBlankOrNull(String value, String name) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank (leave it unset instead)");
        }
        return value;
    }

    static BigDecimal positive(BigDecimal value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be greater than zero, was " + value.toPlainString());
        }
        return value;
    }

    static BigDecimal decimal(String text, String name) {
        Objects.requireNonNull(text, name + " must not be null");
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a decimal number such as \"1000.50\", was '" + text
                    + "'", e);
        }
    }

    static <E extends Enum<E>> E known(E value, String name) {
        if (value != null && "UNKNOWN".equals(value.name())) {
            throw new IllegalArgumentException(name + " must not be UNKNOWN");
        }
        return value;
    }

    static long positiveChain(Long chainId, String name) {
        Objects.requireNonNull(chainId, name + " must not be null");
        if (chainId <= 0) {
            throw new IllegalArgumentException(name + " must be a positive chain id, was " + chainId);
        }
        return chainId;
    }

    static String idempotencyKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 255) {
            throw new IllegalArgumentException("idempotencyKey must be 1 to 255 characters and not blank");
        }
        return key;
    }
}
