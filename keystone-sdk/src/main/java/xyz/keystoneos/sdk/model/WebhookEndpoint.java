package xyz.keystoneos.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * A webhook endpoint of your environment.
 *
 * @param id                       the endpoint id
 * @param url                      where events are sent
 * @param description              free text, may be {@code null}
 * @param events                   subscription patterns, for example {@code ["*"]} or {@code ["settlement.*"]}
 * @param isActive                 whether deliveries are made
 * @param disabledReason           why KeyStone disabled it, or {@code null}
 * @param disabledAt               when it was disabled, or {@code null}
 * @param failingSince             since when deliveries fail, or {@code null}
 * @param previousSecretValidUntil while a rotated-out secret still signs, until when; else {@code null}
 * @param createdAt                creation time
 * @param updatedAt                last change
 * @param secret                   the signing secret: only in the answer to its creation, else {@code null}
 */
public record WebhookEndpoint(String id, String url, String description, List<String> events, Boolean isActive,
        String disabledReason, Instant disabledAt, Instant failingSince, Instant previousSecretValidUntil,
        Instant createdAt, Instant updatedAt, String secret) {

    /**
     * Creates an endpoint; the events are copied ({@code null} becomes empty).
     *
     * @param id                       the id
     * @param url                      the URL
     * @param description              the description
     * @param events                   the patterns
     * @param isActive                 whether active
     * @param disabledReason           the disable reason
     * @param disabledAt               the disable time
     * @param failingSince             failing since
     * @param previousSecretValidUntil grace end
     * @param createdAt                creation time
     * @param updatedAt                last change
     * @param secret                   the secret
     */
    public WebhookEndpoint {
        events = Copies.list(events);
    }

    /**
     * Returns the endpoint without anything secret, for logs.
     *
     * @return a description without the secret
     */
    @Override
    public String toString() {
        return "WebhookEndpoint[id=" + id + ", url=" + url + ", events=" + events + ", isActive=" + isActive
                + (secret == null ? "" : ", secret=(hidden)") + "]";
    }
}
