package xyz.keystoneos.sdk.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Body of {@code POST /v1/platforms/me/webhooks}. Build with {@link #builder()}.
 *
 * @param idempotencyKey the idempotency key; when {@code null} the SDK generates one per call
 * @param url            where to send events, http(s) (required)
 * @param description    free text, at most 500 characters
 * @param events         subscription patterns; {@code null} means {@code ["*"]}
 * @param secret         your own {@code whsec_…} secret; {@code null} to have KeyStone generate one
 */
public record CreateWebhookRequest(String idempotencyKey, String url, String description, List<String> events,
        String secret) {

    /**
     * Creates a request, checking it.
     *
     * @param idempotencyKey the key, or {@code null}
     * @param url            the URL
     * @param description    the description, or {@code null}
     * @param events         the patterns, or {@code null}
     * @param secret         the secret, or {@code null}
     * @throws NullPointerException     if the URL is {@code null}
     * @throws IllegalArgumentException if a field is invalid
     */
    public CreateWebhookRequest {
        Checks.idempotencyKey(idempotencyKey);
        Checks.nonBlank(url, "url");
        events = Checks.eventPatterns(events);
        Checks.nonBlankOrNull(secret, "secret");
    }

    /**
     * Returns a copy with another idempotency key.
     *
     * @param key the key
     * @return the copy
     */
    public CreateWebhookRequest withIdempotencyKey(String key) {
        return new CreateWebhookRequest(key, url, description, events, secret);
    }

    /**
     * Returns the request without the secret, for logs.
     *
     * @return a description without the secret
     */
    @Override
    public String toString() {
        return "CreateWebhookRequest[url=" + url + ", events=" + events + (secret == null ? "" : ", secret=(hidden)")
                + "]";
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CreateWebhookRequest}. */
    public static final class Builder {
        private String idempotencyKey;
        private String url;
        private String description;
        private List<String> events;
        private String secret;

        private Builder() {
        }

        /**
         * Sets the idempotency key.
         *
         * @param idempotencyKey 1 to 255 characters
         * @return this builder
         */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /**
         * Sets the URL (required).
         *
         * @param url http(s) URL
         * @return this builder
         */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /**
         * Sets the description.
         *
         * @param description free text
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Adds a subscription pattern.
         *
         * @param pattern {@code *}, {@code settlement.*}, an exact event type …
         * @return this builder
         */
        public Builder event(String pattern) {
            if (events == null) {
                events = new ArrayList<>();
            }
            events.add(Objects.requireNonNull(pattern, "pattern must not be null"));
            return this;
        }

        /**
         * Replaces the subscription patterns.
         *
         * @param patterns the patterns
         * @return this builder
         */
        public Builder events(List<String> patterns) {
            this.events = new ArrayList<>(Objects.requireNonNull(patterns, "patterns must not be null"));
            return this;
        }

        /**
         * Sets your own signing secret.
         *
         * @param secret {@code whsec_} + base64 of 24 to 64 random bytes
         * @return this builder
         */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws NullPointerException     if the URL is missing
         * @throws IllegalArgumentException if a field is invalid
         */
        public CreateWebhookRequest build() {
            return new CreateWebhookRequest(idempotencyKey, url, description, events, secret);
        }
    }
}
