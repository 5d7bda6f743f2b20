package xyz.keystoneos.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;

/**
 * Filters of an activity log query. Every member is optional ({@code null} = no restriction).
 *
 * @param platformId     only this platform's entries ({@code GET /v1/activity} always sets the caller's platform)
 * @param type           an exact type ({@code settlement.created}) or a prefix pattern ({@code webhook_endpoint.*})
 * @param from           entries at or after this instant
 * @param toExclusive    entries strictly before this instant
 */
public record ActivityFilter(UUID platformId, UUID environmentId, String type, String category, String resourceId,
        Instant from, Instant toExclusive) {

    /** The categories entries are filed under. */
    public static final List<String> CATEGORIES = List.of("settlements", "instructions", "webhooks", "credentials",
            "environments", "templates", "platform", "admin", "auth", "sandbox", "other");

    private static final Pattern TYPE = Pattern.compile("^[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?$");
    private static final int MAX_TEXT = 200;

    /** Whether {@link #type} is a prefix pattern ({@code something.*}). */
    public boolean typeIsPattern() {
        return type != null && type.endsWith(".*");
    }

    /**
     * Builds a filter from query parameters, reporting every bad one at once (400 {@code validation_failed}).
     * {@code date_from}/{@code date_to} take an RFC 3339 timestamp (inclusive) or a date {@code YYYY-MM-DD} (UTC;
     * {@code date_to} then includes that whole day).
     *
     * @param platformId the already-resolved platform (the caller's own, or the operator's {@code platform_id}
     *                   parameter parsed by {@link #uuid})
     */
    public static ActivityFilter of(UUID platformId, String environmentId, String type, String category,
            String resourceId, String dateFrom, String dateTo) {
        List<FieldError> errors = new ArrayList<>();
        UUID environment = uuid("environment_id", environmentId, errors);
        if (type != null && (type.length() > MAX_TEXT || !TYPE.matcher(type).matches())) {
            errors.add(new FieldError("type", "must be an activity type such as 'settlement.created' or a prefix "
                    + "pattern such as 'settlement.*'"));
        }
        if (category != null && !CATEGORIES.contains(category)) {
            errors.add(new FieldError("category", "has an invalid value '" + category + "'; expected one of: "
                    + String.join(", ", CATEGORIES)));
        }
        if (resourceId != null && (resourceId.isBlank() || resourceId.length() > MAX_TEXT)) {
            errors.add(new FieldError("resource_id", "must be 1 to " + MAX_TEXT + " characters"));
        }
        Instant from = instant("date_from", dateFrom, false, errors);
        Instant to = instant("date_to", dateTo, true, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("date_to", "must be after date_from"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        return new ActivityFilter(platformId, environment, type, category, resourceId, from, to);
    }

    /** A UUID query parameter, or a field error (and {@code null}) when it is not one. */
    public static UUID uuid(String name, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, "must be a UUID"));
            return null;
        }
    }

    private static Instant instant(String name, String value, boolean endOfRange, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfRange ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            Instant at = OffsetDateTime.parse(value).toInstant();
            // Timestamps are stored with microsecond precision; an inclusive bound becomes the next microsecond.
            return endOfRange ? at.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS) : at;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an RFC 3339 timestamp (2026-11-01T12:00:00Z) or a date "
                    + "(2026-11-01)"));
            return null;
        }
    }
}
