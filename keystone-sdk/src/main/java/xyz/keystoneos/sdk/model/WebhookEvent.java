package xyz.keystoneos.sdk.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import xyz.keystoneos.sdk.internal.Json;

/**
 * A webhook payload (also an item of the events feed):
 * {@code {"id": "evt_…", "event": "settlement.state.finalized", "created_at": …, "data": {…}}}.
 * Verify the signature on the raw body first ({@link xyz.keystoneos.sdk.Webhooks#verify}), then parse it with
 * {@link #parse(byte[])}.
 *
 * @param id        the event id ({@code evt_…}); deliveries are at least once, so remember the ids you processed
 * @param event     the event type, for example {@code settlement.state.finalized}
 * @param createdAt when the event happened
 * @param data      the event data: {@code settlement_id}, {@code state}, {@code previous_state}, {@code sequence}, …
 */
public record WebhookEvent(String id, String event, Instant createdAt, Map<String, Object> data) {

    /**
     * Creates an event; {@code data} is copied ({@code null} becomes empty).
     *
     * @param id        the id
     * @param event     the type
     * @param createdAt the time
     * @param data      the data
     */
    public WebhookEvent {
        data = Copies.map(data);
    }

    /**
     * Parses a webhook body.
     *
     * @param rawBody the body as received
     * @return the event
     * @throws NullPointerException     if {@code rawBody} is {@code null}
     * @throws IllegalArgumentException if the body is not a JSON event
     */
    public static WebhookEvent parse(byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody must not be null");
        try {
            return Json.get().read(rawBody, WebhookEvent.class);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("not a KeyStone webhook event: " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Parses a webhook body.
     *
     * @param rawBody the body as received
     * @return the event
     * @throws NullPointerException     if {@code rawBody} is {@code null}
     * @throws IllegalArgumentException if the body is not a JSON event
     */
    public static WebhookEvent parse(String rawBody) {
        Objects.requireNonNull(rawBody, "rawBody must not be null");
        return parse(rawBody.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns a string member of {@link #data()}.
     *
     * @param key the member, for example {@code settlement_id}
     * @return its text, or {@code null} when absent
     */
    public String dataString(String key) {
        Object value = data.get(key);
        return value == null ? null : value.toString();
    }
}
