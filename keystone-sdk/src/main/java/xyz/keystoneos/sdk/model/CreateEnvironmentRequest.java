package xyz.keystoneos.sdk.model;

import java.util.Objects;

/**
 * Body of {@code POST /v1/platforms/me/environments}. Build with {@link #builder()}.
 *
 * @param name                  display name (required)
 * @param slug                  key within the platform (required)
 * @param kind                  sandbox or production (required)
 * @param defaultTimeoutSeconds default settlement timeout, 60..604800, or {@code null} for 3600
 * @param rateLimitRpm          requests per minute, or {@code null} for 600
 * @param webhookUrl            optional webhook URL
 * @param idempotencyKey        the idempotency key; when {@code null} the SDK generates one per call
 */
public record CreateEnvironmentRequest(String name, String slug, EnvironmentKind kind, Integer defaultTimeoutSeconds,
        Integer rateLimitRpm, String webhookUrl, String idempotencyKey) {

    /** Smallest default timeout: {@value} seconds. */
    public static final int MIN_TIMEOUT_SECONDS = 60;

    /** Largest default timeout: {@value} seconds (7 days). */
    public static final int MAX_TIMEOUT_SECONDS = 604_800;

    /**
     * Creates a request, checking it.
     *
     * @param name                  the name
     * @param slug                  the slug
     * @param kind                  the kind
     * @param defaultTimeoutSeconds the default timeout, or {@code null}
     * @param rateLimitRpm          the rate limit, or {@code null}
     * @param webhookUrl            the webhook URL, or {@code null}
     * @param idempotencyKey        the key, or {@code null}
     * @throws NullPointerException     if a required field is {@code null}
     * @throws IllegalArgumentException if a field is invalid
     */
    public CreateEnvironmentRequest {
        Checks.nonBlank(name, "name");
        Checks.nonBlank(slug, "slug");
        Objects.requireNonNull(kind, "kind must not be null");
        Checks.known(kind, "kind");
        EnvironmentChecks.timeout(defaultTimeoutSeconds);
        EnvironmentChecks.rateLimit(rateLimitRpm);
        Checks.idempotencyKey(idempotencyKey);
    }

    /**
     * Returns a copy with another idempotency key.
     *
     * @param key the key
     * @return the copy
     */
    public CreateEnvironmentRequest withIdempotencyKey(String key) {
        return new CreateEnvironmentRequest(name, slug, kind, defaultTimeoutSeconds, rateLimitRpm, webhookUrl, key);
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CreateEnvironmentRequest}. */
    public static final class Builder {
        private String name;
        private String slug;
        private EnvironmentKind kind;
        private Integer defaultTimeoutSeconds;
        private Integer rateLimitRpm;
        private String webhookUrl;
        private String idempotencyKey;

        private Builder() {
        }

        /**
         * Sets the name (required).
         *
         * @param name display name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the slug (required).
         *
         * @param slug key within the platform
         * @return this builder
         */
        public Builder slug(String slug) {
            this.slug = slug;
            return this;
        }

        /**
         * Sets the kind (required).
         *
         * @param kind sandbox or production
         * @return this builder
         */
        public Builder kind(EnvironmentKind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * Sets the default settlement timeout.
         *
         * @param seconds 60..604800
         * @return this builder
         */
        public Builder defaultTimeoutSeconds(int seconds) {
            this.defaultTimeoutSeconds = seconds;
            return this;
        }

        /**
         * Sets the rate limit.
         *
         * @param rpm requests per minute, at least 1
         * @return this builder
         */
        public Builder rateLimitRpm(int rpm) {
            this.rateLimitRpm = rpm;
            return this;
        }

        /**
         * Sets the webhook URL.
         *
         * @param webhookUrl the URL
         * @return this builder
         */
        public Builder webhookUrl(String webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
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
         * Builds the request.
         *
         * @return the request
         * @throws NullPointerException     if a required field is missing
         * @throws IllegalArgumentException if a field is invalid
         */
        public CreateEnvironmentRequest build() {
            return new CreateEnvironmentRequest(name, slug, kind, defaultTimeoutSeconds, rateLimitRpm, webhookUrl,
                    idempotencyKey);
        }
    }
}
