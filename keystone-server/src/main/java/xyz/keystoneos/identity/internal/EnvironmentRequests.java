package xyz.keystoneos.identity.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;

/** Request bodies of the environments API and their field checks (SPEC §2). */
final class EnvironmentRequests {

    static final int DEFAULT_TIMEOUT_SECONDS = 3600;
    static final int MIN_TIMEOUT_SECONDS = 60;
    static final int MAX_TIMEOUT_SECONDS = 604_800;
    static final int DEFAULT_RATE_LIMIT_RPM = 600;
    static final int MAX_RATE_LIMIT_RPM = 1_000_000;
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    private EnvironmentRequests() {
    }

    /**
     * Body of {@code POST /v1/platforms/me/environments}.
     *
     * @param name                  1..100 characters
     * @param slug                  2..63 of {@code a-z 0-9 -}, starting with a letter or digit; unique in the platform
     * @param kind                  {@code sandbox} or {@code production}
     * @param defaultTimeoutSeconds optional, 60..604800, default 3600
     * @param rateLimitRpm          optional, 1..1000000 requests per minute, default 600
     * @param webhookUrl            optional http(s) URL
     * @param idempotencyKey        optional; may instead come as the {@code Idempotency-Key} header
     */
    record CreateEnvironment(String name, String slug, String kind, Integer defaultTimeoutSeconds,
            Integer rateLimitRpm, String webhookUrl, String idempotencyKey) {

        void check() {
            List<FieldError> errors = new ArrayList<>();
            if (name == null || name.isBlank()) {
                errors.add(new FieldError("name", "is required"));
            } else {
                checkName(name, errors);
            }
            if (slug == null) {
                errors.add(new FieldError("slug", "is required"));
            } else if (!SLUG.matcher(slug).matches()) {
                errors.add(new FieldError("slug",
                        "must be 2 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit"));
            }
            if (kind == null) {
                errors.add(new FieldError("kind", "is required"));
            } else if (!kind.equals("sandbox") && !kind.equals("production")) {
                errors.add(new FieldError("kind", "must be sandbox or production"));
            }
            checkLimits(defaultTimeoutSeconds, rateLimitRpm, webhookUrl, errors);
            throwIfAny(errors);
        }
    }

    /**
     * Body of {@code PATCH /v1/platforms/me/environments/{id}}: absent fields are unchanged; a blank
     * {@code webhook_url} removes it. {@code slug} and {@code kind} never change.
     */
    record UpdateEnvironment(String name, Integer defaultTimeoutSeconds, Integer rateLimitRpm, String webhookUrl,
            String apiVersion) {

        void check() {
            List<FieldError> errors = new ArrayList<>();
            if (name != null) {
                if (name.isBlank()) {
                    errors.add(new FieldError("name", "must not be blank"));
                } else {
                    checkName(name, errors);
                }
            }
            checkLimits(defaultTimeoutSeconds, rateLimitRpm, webhookUrl, errors);
            if (apiVersion != null && !ApiVersions.isKnown(apiVersion)) {
                errors.add(new FieldError("api_version", "must be one of " + ApiVersions.KNOWN));
            }
            throwIfAny(errors);
        }
    }

    private static void checkName(String name, List<FieldError> errors) {
        if (name.strip().length() > 100) {
            errors.add(new FieldError("name", "must be at most 100 characters"));
        }
    }

    private static void checkLimits(Integer timeout, Integer rpm, String webhookUrl, List<FieldError> errors) {
        if (timeout != null && (timeout < MIN_TIMEOUT_SECONDS || timeout > MAX_TIMEOUT_SECONDS)) {
            errors.add(new FieldError("default_timeout_seconds",
                    "must be between " + MIN_TIMEOUT_SECONDS + " and " + MAX_TIMEOUT_SECONDS));
        }
        if (rpm != null && (rpm < 1 || rpm > MAX_RATE_LIMIT_RPM)) {
            errors.add(new FieldError("rate_limit_rpm", "must be between 1 and " + MAX_RATE_LIMIT_RPM));
        }
        if (webhookUrl != null && !webhookUrl.isBlank() && !isHttpUrl(webhookUrl)) {
            errors.add(new FieldError("webhook_url", "must be an absolute http(s) URL of at most 2048 characters"));
        }
    }

    private static boolean isHttpUrl(String text) {
        if (text.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(text.strip());
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
    }
}
