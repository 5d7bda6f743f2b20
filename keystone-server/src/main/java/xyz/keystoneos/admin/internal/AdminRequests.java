package xyz.keystoneos.admin.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;

/** Request bodies and query parameters of the admin API, with their checks. */
final class AdminRequests {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern DURATION = Pattern.compile("^([1-9][0-9]{0,5})(s|m|h|d)$");
    static final Map<String, Duration> PERIODS = Map.of("1h", Duration.ofHours(1), "24h", Duration.ofHours(24),
            "7d", Duration.ofDays(7), "30d", Duration.ofDays(30));
    static final Duration MAX_THRESHOLD = Duration.ofDays(365);

    private AdminRequests() {
    }

    /** Body of {@code POST /v1/admin/platforms}. */
    record RegisterPlatform(String name, String slug, String logoUrl, String supportEmail, String supportUrl) {

        void check() {
            List<FieldError> errors = new ArrayList<>();
            if (name == null || name.isBlank()) {
                errors.add(new FieldError("name", "is required"));
            } else if (name.length() > 200) {
                errors.add(new FieldError("name", "must be at most 200 characters"));
            }
            if (slug == null) {
                errors.add(new FieldError("slug", "is required"));
            } else if (!SLUG.matcher(slug).matches()) {
                errors.add(new FieldError("slug", "must be 2 to 63 lowercase letters, digits or hyphens, starting "
                        + "with a letter or digit"));
            }
            checkUrl("logo_url", logoUrl, errors);
            checkUrl("support_url", supportUrl, errors);
            if (supportEmail != null && (supportEmail.length() > 254 || !EMAIL.matcher(supportEmail).matches())) {
                errors.add(new FieldError("support_email", "must be an email address"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalidFields(errors);
            }
        }
    }

    /** Body of {@code POST /v1/admin/settlements/{id}/force-rollback}. */
    record ForceRollback(String reason) {

        void check() {
            if (reason == null || reason.isBlank()) {
                throw ApiException.invalidFields(List.of(new FieldError("reason", "is required")));
            }
            if (reason.length() > 500) {
                throw ApiException.invalidFields(List.of(new FieldError("reason", "must be at most 500 characters")));
            }
        }
    }

    private static void checkUrl(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI(value);
            if (value.length() > 2048 || uri.getHost() == null
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                errors.add(new FieldError(field, "must be an http(s) URL of at most 2048 characters"));
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError(field, "must be an http(s) URL of at most 2048 characters"));
        }
    }

    /** {@code period} of the transition counts: one of {@code 1h}, {@code 24h}, {@code 7d}, {@code 30d}. */
    static Duration period(String value) {
        Duration period = PERIODS.get(value);
        if (period == null) {
            throw ApiException.invalidFields(List.of(new FieldError("period",
                    "has an invalid value '" + value + "'; expected one of: 1h, 24h, 7d, 30d")));
        }
        return period;
    }

    /** A threshold such as {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d} (at most 365 days). */
    static Duration threshold(String field, String value) {
        Matcher matcher = DURATION.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            Duration duration = switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (duration.compareTo(MAX_THRESHOLD) <= 0) {
                return duration;
            }
        }
        throw ApiException.invalidFields(List.of(new FieldError(field,
                "must be a duration such as 90s, 30m, 1h or 2d (at most 365d), not '" + value + "'")));
    }

    static java.util.UUID uuid(String field, String value) {
        List<FieldError> errors = new ArrayList<>();
        java.util.UUID id = xyz.keystoneos.activity.ActivityFilter.uuid(field, value, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        return id;
    }
}
