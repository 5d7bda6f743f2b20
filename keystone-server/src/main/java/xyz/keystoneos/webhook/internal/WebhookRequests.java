package xyz.keystoneos.webhook.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.webhook.EventTypes;

/** Request bodies of the webhook endpoint API and the field checks they share. */
final class WebhookRequests {

    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_DESCRIPTION_LENGTH = 500;
    static final Duration MAX_REPLAY_RANGE = Duration.ofDays(30);

    private WebhookRequests() {
    }

    /**
     * Body of {@code POST /v1/platforms/me/webhooks}.
     *
     * @param idempotencyKey optional; may instead come as the {@code Idempotency-Key} header
     * @param url            required, http(s), at most 2048 characters, a public target unless the deployment allows
     *                       private ones
     * @param description    optional, at most 500 characters; blank means none
     * @param events         optional subscription patterns, default {@code ["*"]}
     * @param secret         optional {@code whsec_…} secret; generated when absent
     */
    record CreateEndpoint(String idempotencyKey, String url, String description, List<String> events,
            String secret) {

        /** Field errors of this request (without the network check of the URL). */
        List<FieldError> fieldErrors() {
            List<FieldError> errors = new ArrayList<>();
            if (url == null) {
                errors.add(new FieldError("url", "is required"));
            } else {
                checkUrlLength(url, errors);
            }
            checkDescription(description, errors);
            if (events != null) {
                checkEvents(events, errors);
            }
            if (secret != null && !WebhookSigner.isWellFormed(secret)) {
                errors.add(new FieldError("secret", SECRET_FORMAT));
            }
            return errors;
        }

        /** The subscription patterns to store: the given ones without duplicates, or {@code ["*"]}. */
        List<String> eventsOrDefault() {
            return events == null ? List.of("*") : List.copyOf(new LinkedHashSet<>(events));
        }
    }

    /**
     * Body of {@code PATCH /v1/platforms/me/webhooks/{endpoint_id}}: every field optional, absent (or null) =
     * unchanged. A blank {@code description} removes the description; {@code is_active: true} re-activates an
     * endpoint KeyStone disabled and clears its {@code disabled_reason}.
     */
    record UpdateEndpoint(String url, String description, List<String> events, Boolean isActive) {

        List<FieldError> fieldErrors() {
            List<FieldError> errors = new ArrayList<>();
            if (url != null) {
                checkUrlLength(url, errors);
            }
            checkDescription(description, errors);
            if (events != null) {
                checkEvents(events, errors);
            }
            return errors;
        }
    }

    /** Optional body of {@code POST …/rotate-secret}: a client-chosen new secret, else one is generated. */
    record RotateSecret(String secret) {

        void check() {
            if (secret != null && !WebhookSigner.isWellFormed(secret)) {
                throw ApiException.invalidFields(List.of(new FieldError("secret", SECRET_FORMAT)));
            }
        }
    }

    /** Body of {@code POST …/replay}: RFC 3339 timestamps, {@code since} inclusive, {@code until} exclusive. */
    record Replay(String since, String until) {

        /** A checked replay window. */
        record Window(Instant since, Instant until) {
        }

        /**
         * @throws ApiException 400 for missing or malformed timestamps, 422 {@code invalid_replay_range} when
         *                      {@code since} is not before {@code until} or the window is longer than 30 days
         */
        Window check() {
            List<FieldError> errors = new ArrayList<>();
            Instant from = timestamp("since", since, errors);
            Instant to = timestamp("until", until, errors);
            if (!errors.isEmpty()) {
                throw ApiException.invalidFields(errors);
            }
            if (!from.isBefore(to)) {
                throw ApiException.unprocessable("invalid_replay_range",
                        List.of(new FieldError("until", "must be after since")));
            }
            if (Duration.between(from, to).compareTo(MAX_REPLAY_RANGE) > 0) {
                throw ApiException.unprocessable("invalid_replay_range", List.of(new FieldError("until",
                        "must be at most 30 days after since; replay a longer period in several calls")));
            }
            return new Window(from, to);
        }

        private static Instant timestamp(String field, String value, List<FieldError> errors) {
            if (value == null) {
                errors.add(new FieldError(field, "is required"));
                return null;
            }
            try {
                return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(field, "must be an RFC 3339 timestamp such as 2026-11-01T00:00:00Z, not '"
                        + value + "'"));
                return null;
            }
        }
    }

    static final String SECRET_FORMAT = "must be 'whsec_' followed by the standard base64 encoding of 24 to 64 random"
            + " bytes (e.g. whsec_ + base64 of 32 bytes from a secure random generator); omit it to have KeyStone"
            + " generate one";

    private static void checkUrlLength(String url, List<FieldError> errors) {
        if (url.isBlank()) {
            errors.add(new FieldError("url", "must not be blank"));
        } else if (url.length() > MAX_URL_LENGTH) {
            errors.add(new FieldError("url", "must be at most " + MAX_URL_LENGTH + " characters"));
        }
    }

    private static void checkDescription(String description, List<FieldError> errors) {
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
    }

    /** Blank descriptions are stored as none. */
    static String normaliseDescription(String description) {
        return description == null || description.isBlank() ? null : description;
    }

    static void checkEvents(List<String> events, List<FieldError> errors) {
        if (events.isEmpty()) {
            errors.add(new FieldError("events", "must not be empty; use [\"*\"] to receive every event"));
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            if (!EventTypes.isValidPattern(events.get(i))) {
                errors.add(new FieldError("events[" + i + "]", unknownPattern(events.get(i))));
            }
        }
    }

    /** Why a subscription pattern is refused, listing what is accepted. */
    static String unknownPattern(String pattern) {
        return (pattern == null ? "must not be null" : "'" + pattern + "' is not a known event type or pattern")
                + "; use '*', one of the patterns " + String.join(", ", prefixPatterns())
                + " or one of the event types " + String.join(", ", EventTypes.ALL);
    }

    /** Every {@code prefix.*} pattern that matches at least one known event type. */
    static List<String> prefixPatterns() {
        TreeSet<String> patterns = new TreeSet<>();
        for (String type : EventTypes.ALL) {
            for (int dot = type.indexOf('.'); dot >= 0; dot = type.indexOf('.', dot + 1)) {
                patterns.add(type.substring(0, dot) + ".*");
            }
        }
        return List.copyOf(patterns);
    }
}
