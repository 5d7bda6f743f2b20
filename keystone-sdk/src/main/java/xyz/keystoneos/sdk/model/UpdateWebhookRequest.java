package xyz.keystoneos.sdk.model;

import java.util.List;

/**
 * Body of {@code PATCH /v1/platforms/me/webhooks/{id}}: every field optional, {@code null} = unchanged. Build with
 * {@link #builder()}.
 *
 * @param url         a new URL
 * @param description a new description (blank removes it)
 * @param events      new subscription patterns
 * @param isActive    {@code true} re-activates an endpoint KeyStone disabled; {@code false} pauses it
 */
public record UpdateWebhookRequest(String url, String description, List<String> events, Boolean isActive) {

    /**
     * Creates a request, checking it.
     *
     * @param url         the URL, or {@code null}
     * @param description the description, or {@code null}
     * @param events      the patterns, or {@code null}
     * @param isActive    the active flag, or {@code null}
     * @throws IllegalArgumentException if nothing would change, or a field is invalid
     */
    public UpdateWebhookRequest {
        Checks.nonBlankOrNull(url, "url");
        events = Checks.eventPatterns(events);
        if (url == null && description == null && events == null && isActive == null) {
            throw new IllegalArgumentException("an update must change at least one field");
        }
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link UpdateWebhookRequest}. */
    public static final class Builder {
        private String url;
        private String description;
        private List<String> events;
        private Boolean isActive;

        private Builder() {
        }

        /**
         * Sets a new URL.
         *
         * @param url the URL
         * @return this builder
         */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /**
         * Sets a new description.
         *
         * @param description the description; blank removes it
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * Sets new subscription patterns.
         *
         * @param events the patterns
         * @return this builder
         */
        public Builder events(List<String> events) {
            this.events = events;
            return this;
        }

        /**
         * Activates or pauses the endpoint.
         *
         * @param isActive whether deliveries are made
         * @return this builder
         */
        public Builder isActive(boolean isActive) {
            this.isActive = isActive;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException if nothing would change, or a field is invalid
         */
        public UpdateWebhookRequest build() {
            return new UpdateWebhookRequest(url, description, events, isActive);
        }
    }
}
