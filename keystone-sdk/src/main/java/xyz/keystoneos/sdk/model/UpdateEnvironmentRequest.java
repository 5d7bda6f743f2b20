package xyz.keystoneos.sdk.model;

/**
 * Body of {@code PATCH /v1/platforms/me/environments/{id}}: every field optional, {@code null} = unchanged. Build
 * with {@link #builder()}.
 *
 * @param name                  a new name
 * @param defaultTimeoutSeconds a new default timeout, 60..604800
 * @param rateLimitRpm          a new rate limit
 * @param webhookUrl            a new webhook URL
 */
public record UpdateEnvironmentRequest(String name, Integer defaultTimeoutSeconds, Integer rateLimitRpm,
        String webhookUrl) {

    /**
     * Creates a request, checking it.
     *
     * @param name                  the name, or {@code null}
     * @param defaultTimeoutSeconds the timeout, or {@code null}
     * @param rateLimitRpm          the rate limit, or {@code null}
     * @param webhookUrl            the webhook URL, or {@code null}
     * @throws IllegalArgumentException if nothing would change, or a field is invalid
     */
    public UpdateEnvironmentRequest {
        Checks.nonBlankOrNull(name, "name");
        EnvironmentChecks.timeout(defaultTimeoutSeconds);
        EnvironmentChecks.rateLimit(rateLimitRpm);
        if (name == null && defaultTimeoutSeconds == null && rateLimitRpm == null && webhookUrl == null) {
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

    /** Builds an {@link UpdateEnvironmentRequest}. */
    public static final class Builder {
        private String name;
        private Integer defaultTimeoutSeconds;
        private Integer rateLimitRpm;
        private String webhookUrl;

        private Builder() {
        }

        /**
         * Sets a new name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets a new default timeout.
         *
         * @param seconds 60..604800
         * @return this builder
         */
        public Builder defaultTimeoutSeconds(int seconds) {
            this.defaultTimeoutSeconds = seconds;
            return this;
        }

        /**
         * Sets a new rate limit.
         *
         * @param rpm requests per minute
         * @return this builder
         */
        public Builder rateLimitRpm(int rpm) {
            this.rateLimitRpm = rpm;
            return this;
        }

        /**
         * Sets a new webhook URL.
         *
         * @param webhookUrl the URL
         * @return this builder
         */
        public Builder webhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException if nothing would change, or a field is invalid
         */
        public UpdateEnvironmentRequest build() {
            return new UpdateEnvironmentRequest(name, defaultTimeoutSeconds, rateLimitRpm, webhookUrl);
        }
    }
}
