package xyz.keystoneos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Formats a settlement's events as timeline lines:
 *
 * <pre>
 *   ● #3  2026-11-23 10:16:44.801Z  COMPLIANCE_CHECKING → COMPLIANCE_CLEARED  system:engine
 *   ✔ #6  2026-11-23 10:16:45.120Z  EXECUTING_SWAP → FINALIZED  system:engine
 * </pre>
 *
 * <p>The target state is coloured (green success, red failure, yellow waiting); the marker is {@code ✔} for the
 * success terminal state, {@code ✖} for a failure state and {@code ●} otherwise. Interesting payload entries
 * ({@code reason}, {@code decision}, …) follow in brackets.
 */
public final class Timeline {

    /** The standard templates' terminal and failure states, used when the template cannot be read. */
    public static final Set<String> STANDARD_TERMINAL = Set.of("FINALIZED", "ROLLED_BACK", "TIMED_OUT");
    public static final Set<String> STANDARD_FAILURE = Set.of("ROLLED_BACK", "TIMED_OUT");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final List<String> DETAILS = List.of("reason", "decision", "decided_by", "operator_reason",
            "timeout_at", "tx_hash");

    private final Style style;
    private final Set<String> terminal;
    private final Set<String> failure;

    public Timeline(Style style, Set<String> terminal, Set<String> failure) {
        this.style = style;
        this.terminal = terminal;
        this.failure = failure;
    }

    public static Timeline standard(Style style) {
        return new Timeline(style, STANDARD_TERMINAL, STANDARD_FAILURE);
    }

    public boolean isTerminal(String state) {
        return state != null && terminal.contains(state);
    }

    public boolean isFailure(String state) {
        return state != null && failure.contains(state);
    }

    public String line(TimelineEvent event) {
        String marker;
        if (isFailure(event.toState())) {
            marker = style.red("✖");
        } else if (isTerminal(event.toState())) {
            marker = style.green("✔");
        } else {
            marker = stateColour("●", event.toState());
        }
        StringBuilder line = new StringBuilder("  ").append(marker).append(' ')
                .append(style.dim(String.format(Locale.ROOT, "#%-2d", event.sequence()))).append(' ')
                .append(event.createdAt() == null ? "-" : style.dim(TIME.format(event.createdAt()))).append("  ");
        if (event.fromState() != null) {
            line.append(event.fromState()).append(style.dim(" → "));
        }
        line.append(style.state(event.toState()));
        if (event.triggeredBy() != null) {
            line.append("  ").append(style.dim(event.triggeredBy()));
        }
        String details = details(event.payload());
        if (!details.isEmpty()) {
            line.append("  ").append(style.dim("(" + details + ")"));
        }
        return line.toString();
    }

    private String stateColour(String text, String state) {
        // the marker takes the state's colour without its bold
        String coloured = style.state(state);
        if (!style.enabled()) {
            return text;
        }
        return coloured.replace(Style.strip(coloured), text);
    }

    private static String details(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String key : DETAILS) {
            JsonNode value = payload.get(key);
            if (value != null && !value.isNull() && !value.asText().isBlank()
                    && !(key.equals("reason") && value.asText().equals("created"))) {
                parts.add(key + ": " + value.asText());
            }
        }
        return String.join(", ", parts);
    }
}
