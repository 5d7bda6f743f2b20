package xyz.keystoneos.webhook.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** What the webhook API answers. Secrets appear only in {@link EndpointView#secret()} at creation and in rotation. */
final class WebhookViews {

    private WebhookViews() {
    }

    /**
     * A webhook endpoint. {@code secret} is present only in the answer to its creation;
     * {@code previous_secret_valid_until} only while a rotated-out secret still signs deliveries.
     */
    record EndpointView(UUID id, String url, String description, List<String> events, boolean isActive,
            String disabledReason, Instant disabledAt, Instant failingSince, Instant previousSecretValidUntil,
            Instant createdAt, Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

        static EndpointView of(Endpoint e) {
            return of(e, null);
        }

        static EndpointView withSecret(Endpoint e) {
            return of(e, e.secret());
        }

        private static EndpointView of(Endpoint e, String secret) {
            Instant grace = e.previousSecretAt(Instant.now()) == null ? null : e.previousSecretValidUntil();
            return new EndpointView(e.id(), e.url(), e.description(), e.events(), e.isActive(), e.disabledReason(),
                    e.disabledAt(), e.failingSince(), grace, e.createdAt(), e.updatedAt(), secret);
        }
    }

    /** Answer of {@code rotate-secret}: the new secret (shown once) and until when the old one still signs. */
    record RotatedSecret(String newSecret, Instant previousSecretValidUntil) {
    }

    /** Answer of {@code test}: how the endpoint answered a {@code test.ping}. */
    record TestResult(boolean success, Integer statusCode, long durationMs, String error) {
    }

    /** One attempt of a delivery, as the delivery log keeps it. */
    record AttemptView(int attempt, Instant startedAt, int durationMs, Integer statusCode, String error,
            String responseExcerpt) {
    }

    /**
     * One event's delivery to one endpoint. {@code next_attempt_at} is set only while the delivery is
     * {@code pending}; {@code attempt_log} lists every attempt, first attempt first.
     */
    record DeliveryView(UUID id, String eventId, String eventType, String status, int attempts, Instant nextAttemptAt,
            Integer lastStatusCode, String lastError, Instant lastAttemptAt, Instant createdAt, Instant completedAt,
            List<AttemptView> attemptLog) {
    }

    /** Answer of {@code replay}: how many deliveries were queued (new or reset to pending). */
    record ReplayResult(int replayed) {
    }

    /**
     * A page of the events feed: payloads exactly as delivered, oldest first. {@code next_cursor} is the id of the
     * last item (pass it as {@code starting_after}); {@code null} when the page is empty.
     */
    record EventPage(List<JsonNode> items, boolean hasMore, String nextCursor) {
    }
}
