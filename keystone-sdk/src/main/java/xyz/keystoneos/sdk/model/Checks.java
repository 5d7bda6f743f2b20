package xyz.keystoneos.sdk.model;

import java.math.BigDecimal;
import java.util.List;
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

    /**
     * Checks a required list that must hold at least one element and no {@code null}, and returns an unmodifiable
     * copy.
     *
     * @param list the list
     * @param name its name in messages, for example {@code legs}
     * @param one  what one element is called, for example {@code leg}
     */
    static <T> List<T> nonEmptyCopy(List<T> list, String name, String one) {
        Objects.requireNonNull(list, name + " must not be null");
        if (list.isEmpty()) {
            throw new IllegalArgumentException(name + " must contain at least one " + one);
        }
        list.forEach(e -> Objects.requireNonNull(e, name + " must not contain null"));
        return List.copyOf(list);
    }

    /** Checks the optional repo fields of a settlement or instruction request. */
    static void repo(SettlementCategory settlementCategory, BigDecimal repaymentAmount) {
        known(settlementCategory, "settlementCategory");
        if (repaymentAmount != null) {
            positive(repaymentAmount, "repaymentAmount");
        }
    }

    /** Checks the fields an instruction leg and a settlement leg have in common (direction may be {@code null}). */
    static void leg(LegType legType, String instrumentId, BigDecimal quantity, Direction direction, Long chainId,
            TokenStandard tokenStandard) {
        known(legType, "legType");
        nonBlank(instrumentId, "instrumentId");
        positive(quantity, "quantity");
        known(direction, "direction");
        if (chainId != null) {
            positiveChain(chainId, "chainId");
        }
        known(tokenStandard, "tokenStandard");
    }

    /**
     * Checks optional webhook event patterns: {@code null} (unchanged or every event) or a non-empty list of
     * non-blank patterns, returned as an unmodifiable copy.
     */
    static List<String> eventPatterns(List<String> events) {
        if (events == null) {
            return null;
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("events must not be empty; use [\"*\"] for every event");
        }
        events.forEach(e -> nonBlank(e, "events[]"));
        return List.copyOf(events);
    }
}
