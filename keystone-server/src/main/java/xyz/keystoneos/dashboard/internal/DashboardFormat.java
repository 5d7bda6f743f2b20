package xyz.keystoneos.dashboard.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Formatting helpers for the templates ({@code ${@dashboardFormat.time(s.created_at)}}). */
@Component("dashboardFormat")
class DashboardFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private final JsonMapper json = JsonMapper.builder().build();

    public String time(Object iso) {
        if (iso == null) {
            return "—";
        }
        try {
            return TIME.format(Instant.parse(String.valueOf(iso)));
        } catch (DateTimeParseException e) {
            return String.valueOf(iso);
        }
    }

    /** The first 8 characters of an id, enough to tell settlements apart on a page. */
    public String shortId(Object id) {
        String text = String.valueOf(id);
        return text.length() > 8 ? text.substring(0, 8) : text;
    }

    /** {@code COMPLIANCE_CHECKING} → {@code Compliance checking}. */
    public String label(Object state) {
        if (state == null) {
            return "—";
        }
        String text = String.valueOf(state).replace('_', ' ').toLowerCase(Locale.ROOT);
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A CSS class for a state or status: ok, failed, attention or pending. */
    public String tone(Object state) {
        String value = String.valueOf(state).toUpperCase(Locale.ROOT);
        return switch (value) {
            case "FINALIZED", "CLEARED", "PASS", "SUCCEEDED", "DELIVERED", "RELEASED", "MATCHED", "TRUE" -> "ok";
            case "ROLLED_BACK", "TIMED_OUT", "FAILED", "FAIL", "CANCELLED", "EXPIRED", "FALSE" -> "failed";
            case "COMPLIANCE_CHECKING", "FLAGGED" -> "attention";
            default -> "pending";
        };
    }

    public boolean terminal(Object state) {
        return Pages.TERMINAL.contains(String.valueOf(state));
    }

    public String json(Object value) {
        if (value == null || (value instanceof Map<?, ?> map && map.isEmpty())) {
            return "";
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }

    public String join(Object values) {
        return values instanceof Collection<?> list ? String.join(", ", list.stream().map(String::valueOf).toList())
                : values == null ? "" : String.valueOf(values);
    }
}
