package xyz.keystoneos.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * Domain events the identity module publishes for the activity log: logins (tokens issued) and credential
 * changes. Published inside the transaction that made the change, when there is one.
 */
public final class IdentityActivity {

    private IdentityActivity() {
    }

    /**
     * An access token was issued.
     *
     * @param clientId      the OAuth2 client the token was issued to (or the session id for a session token)
     * @param kind          {@code m2m}, {@code operator} or {@code session}
     * @param platformId    {@code null} for operators
     * @param environmentId {@code null} for operators
     * @param ipAddress     the client's address as the server saw it
     */
    public record TokenIssued(String clientId, String kind, UUID platformId, UUID environmentId, String ipAddress,
            Instant at) {
    }

    /**
     * A credential was created, rotated or revoked (M2M client secrets, session tokens, signing keys).
     *
     * @param action     e.g. {@code client.created}, {@code client.secret_rotated}, {@code client.revoked},
     *                   {@code session.created}, {@code session.revoked}
     * @param resourceId the client id or session id
     * @param actor      who did it ({@code m2m:<client_id>}, {@code operator:<id>} …)
     */
    public record CredentialChanged(String action, String resourceId, UUID platformId, UUID environmentId,
            String actor, Instant at) {
    }
}
