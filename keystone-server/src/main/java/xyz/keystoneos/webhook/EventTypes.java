package xyz.keystoneos.webhook;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Every webhook event type KeyStone sends, and the subscription patterns endpoints may use (SPEC §11). */
public final class EventTypes {

    public static final String TEST_PING = "test.ping";
    public static final String ENDPOINT_DISABLED = "webhook.endpoint.disabled";

    private static final List<String> STATES = List.of("INSTRUCTED", "COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED",
            "AWAITING_DEPOSITS", "EXECUTING_SWAP", "FINALIZED", "ROLLED_BACK", "TIMED_OUT");

    /** The known event types, in documentation order. */
    public static final List<String> ALL = Stream.of(
                    STATES.stream().map(s -> "settlement.state." + s.toLowerCase(Locale.ROOT)),
                    Stream.of("settlement.compliance.cleared", "settlement.compliance.flagged",
                            "settlement.compliance.failed", "instruction.matched", "instruction.expired", TEST_PING,
                            ENDPOINT_DISABLED))
            .flatMap(s -> s).toList();

    private EventTypes() {
    }

    /** A subscription pattern: {@code *}, a prefix ending in {@code .*} of some known type, or a known type. */
    public static boolean isValidPattern(String pattern) {
        if (pattern == null) {
            return false;
        }
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return ALL.stream().anyMatch(type -> type.startsWith(prefix));
        }
        return ALL.contains(pattern);
    }

    /**
     * The same rule as {@link #matches} in SQL: whether the patterns of {@code webhook_endpoints e} subscribe to the
     * event type that {@code typeExpression} evaluates to (a column or a named parameter).
     */
    public static String subscribedSql(String typeExpression) {
        return (" exists (select 1 from unnest(e.events) pattern where pattern = '*' or pattern = %1$s"
                + " or (right(pattern, 2) = '.*'"
                + " and left(%1$s, length(pattern) - 1) = left(pattern, length(pattern) - 1)))")
                .formatted(typeExpression);
    }

    /** Whether any of the patterns subscribes to the event type (same rule as the SQL fan-out). */
    public static boolean matches(List<String> patterns, String eventType) {
        return patterns.stream().anyMatch(p -> p.equals("*") || p.equals(eventType)
                || (p.endsWith(".*") && eventType.startsWith(p.substring(0, p.length() - 1))));
    }
}
