package xyz.keystoneos.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * One event's delivery to one endpoint, with its attempt log.
 *
 * @param id             the delivery id
 * @param eventId        the event ({@code evt_…})
 * @param eventType      the event type, for example {@code settlement.state.finalized}
 * @param status         pending, succeeded or failed
 * @param attempts       attempts made so far
 * @param nextAttemptAt  when the next attempt runs (only while pending)
 * @param lastStatusCode the status of the last attempt, or {@code null}
 * @param lastError      the error of the last attempt, or {@code null}
 * @param lastAttemptAt  when the last attempt ran, or {@code null}
 * @param createdAt      creation time
 * @param completedAt    when it succeeded or finally failed, or {@code null}
 * @param attemptLog     every attempt, first first
 */
public record WebhookDelivery(String id, String eventId, String eventType, DeliveryStatus status, Integer attempts,
        Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant lastAttemptAt, Instant createdAt,
        Instant completedAt, List<Attempt> attemptLog) {

    /**
     * Creates a delivery; the attempt log is copied ({@code null} becomes empty).
     *
     * @param id             the id
     * @param eventId        the event
     * @param eventType      the event type
     * @param status         the status
     * @param attempts       the attempts
     * @param nextAttemptAt  next attempt
     * @param lastStatusCode last status
     * @param lastError      last error
     * @param lastAttemptAt  last attempt
     * @param createdAt      creation time
     * @param completedAt    completion time
     * @param attemptLog     the attempt log
     */
    public WebhookDelivery {
        attemptLog = Copies.list(attemptLog);
    }

    /**
     * One attempt of a delivery.
     *
     * @param attempt         1 for the first attempt
     * @param startedAt       when it started
     * @param durationMs      how long it took
     * @param statusCode      the endpoint's status, or {@code null}
     * @param error           what went wrong, or {@code null}
     * @param responseExcerpt the first 1 KB of the answer, or {@code null}
     */
    public record Attempt(int attempt, Instant startedAt, Integer durationMs, Integer statusCode, String error,
            String responseExcerpt) {
    }
}
