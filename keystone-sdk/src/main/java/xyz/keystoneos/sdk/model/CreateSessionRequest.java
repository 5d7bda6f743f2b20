package xyz.keystoneos.sdk.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Body of {@code POST /v1/sessions}. Every field optional. Build with {@link #builder()}.
 *
 * @param scopes           scopes for the token (a subset of yours); {@code null} for
 *                         {@code instructions:read instructions:write}
 * @param expiresInSeconds lifetime, 60..86400; {@code null} for 3600
 * @param settlementIds    restrict the token to these settlements; {@code null} for no restriction
 */
public record CreateSessionRequest(List<String> scopes, Integer expiresInSeconds, List<String> settlementIds) {

    /** Shortest session lifetime: {@value} seconds. */
    public static final int MIN_EXPIRES_IN = 60;

    /** Longest session lifetime: {@value} seconds (24 h). */
    public static final int MAX_EXPIRES_IN = 86_400;

    /**
     * Creates a request, checking it.
     *
     * @param scopes           the scopes, or {@code null}
     * @param expiresInSeconds the lifetime, or {@code null}
     * @param settlementIds    the settlements, or {@code null}
     * @throws IllegalArgumentException if the lifetime is out of range or a list holds blanks
     */
    public CreateSessionRequest {
        if (scopes != null) {
            scopes.forEach(s -> Checks.nonBlank(s, "scopes[]"));
            scopes = List.copyOf(scopes);
        }
        if (expiresInSeconds != null && (expiresInSeconds < MIN_EXPIRES_IN || expiresInSeconds > MAX_EXPIRES_IN)) {
            throw new IllegalArgumentException("expiresInSeconds must be between " + MIN_EXPIRES_IN + " and "
                    + MAX_EXPIRES_IN + ", was " + expiresInSeconds);
        }
        if (settlementIds != null) {
            settlementIds.forEach(s -> Checks.nonBlank(s, "settlementIds[]"));
            settlementIds = List.copyOf(settlementIds);
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

    /** Builds a {@link CreateSessionRequest}. */
    public static final class Builder {
        private List<String> scopes;
        private Integer expiresInSeconds;
        private List<String> settlementIds;

        private Builder() {
        }

        /**
         * Adds a scope.
         *
         * @param scope for example {@code instructions:read}
         * @return this builder
         */
        public Builder scope(String scope) {
            if (scopes == null) {
                scopes = new ArrayList<>();
            }
            scopes.add(Objects.requireNonNull(scope, "scope must not be null"));
            return this;
        }

        /**
         * Sets the lifetime.
         *
         * @param seconds 60..86400
         * @return this builder
         */
        public Builder expiresInSeconds(int seconds) {
            this.expiresInSeconds = seconds;
            return this;
        }

        /**
         * Restricts the token to a settlement (may be called several times).
         *
         * @param settlementId the settlement id
         * @return this builder
         */
        public Builder settlementId(String settlementId) {
            if (settlementIds == null) {
                settlementIds = new ArrayList<>();
            }
            settlementIds.add(Objects.requireNonNull(settlementId, "settlementId must not be null"));
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException if a field is invalid
         */
        public CreateSessionRequest build() {
            return new CreateSessionRequest(scopes, expiresInSeconds, settlementIds);
        }
    }
}
