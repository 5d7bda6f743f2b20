package xyz.keystoneos.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * A short-lived session token for a browser. {@link #accessToken()} is only present in the answer to its creation.
 *
 * @param id            the session id
 * @param environmentId the environment
 * @param scopes        the scopes the token carries
 * @param settlementIds the settlements it is restricted to, or {@code null} for none
 * @param expiresAt     when the token expires
 * @param createdAt     creation time
 * @param revokedAt     when it was revoked, or {@code null}
 * @param accessToken   the bearer token (creation answer only, else {@code null})
 * @param tokenType     {@code Bearer} (creation answer only)
 * @param expiresIn     lifetime in seconds (creation answer only)
 */
public record Session(String id, String environmentId, List<String> scopes, List<String> settlementIds,
        Instant expiresAt, Instant createdAt, Instant revokedAt, String accessToken, String tokenType,
        Long expiresIn) {

    /**
     * Creates a session; lists are copied ({@code scopes} {@code null} becomes empty).
     *
     * @param id            the id
     * @param environmentId the environment
     * @param scopes        the scopes
     * @param settlementIds the settlement restriction
     * @param expiresAt     the expiry
     * @param createdAt     creation time
     * @param revokedAt     revocation time
     * @param accessToken   the token
     * @param tokenType     the token type
     * @param expiresIn     the lifetime
     */
    public Session {
        scopes = Copies.list(scopes);
        settlementIds = Copies.listOrNull(settlementIds);
    }

    /**
     * Returns the session without its token, for logs.
     *
     * @return a description without the token
     */
    @Override
    public String toString() {
        return "Session[id=" + id + ", scopes=" + scopes + ", settlementIds=" + settlementIds + ", expiresAt="
                + expiresAt + ", revokedAt=" + revokedAt + (accessToken == null ? "" : ", accessToken=(hidden)") + "]";
    }
}
