package xyz.keystoneos.identity;

import java.util.Set;
import java.util.UUID;
import xyz.keystoneos.shared.web.ApiException;

/**
 * Who is calling the API, resolved from a verified token and checked against the database on every request.
 * Controllers take it as a method parameter.
 *
 * @param kind          platform client or operator client
 * @param clientId      the OAuth2 client id ({@code sub} of the token); for a user token the user's principal
 *                      ({@code user:<id>} or {@code operator:<id>})
 * @param platformId    the caller's platform; {@code null} for operators
 * @param environmentId the environment the credentials are bound to; {@code null} for operators
 * @param environmentKind {@code sandbox} or {@code production}; {@code null} for operators
 * @param scopes        the scopes granted to this token
 * @param sessionId     the session of a session token; {@code null} for M2M tokens
 * @param settlementIds the settlements a session token is limited to; {@code null} means not limited
 */
public record Caller(Kind kind, String clientId, UUID platformId, UUID environmentId, String environmentSlug,
        String environmentKind, Set<String> scopes, UUID sessionId, Set<UUID> settlementIds) {

    /** An M2M caller (no session). */
    public Caller(Kind kind, String clientId, UUID platformId, UUID environmentId, String environmentSlug,
            String environmentKind, Set<String> scopes) {
        this(kind, clientId, platformId, environmentId, environmentSlug, environmentKind, scopes, null, null);
    }

    public enum Kind { PLATFORM, OPERATOR }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * How the caller appears in audit trails: {@code m2m:<client_id>}, {@code session:<session_id>}, or for a
     * logged-in person {@code user:<id>} / {@code operator:<id>}.
     */
    public String actor() {
        if (sessionId != null) {
            return "session:" + sessionId;
        }
        return isPerson() ? clientId : "m2m:" + clientId;
    }

    /** A logged-in member or operator (a user token), not an API client. */
    public boolean isPerson() {
        return clientId.startsWith("user:") || clientId.startsWith("operator:");
    }

    /** Whether this caller may see the settlement at all (a session token may be limited to some settlements). */
    public boolean maySee(UUID settlementId) {
        return settlementIds == null || settlementIds.contains(settlementId);
    }

    /** 403 {@code settlement_not_in_session} when a session token is limited to other settlements. */
    public void requireSettlementAccess(UUID settlementId) {
        if (!maySee(settlementId)) {
            throw ApiException.forbidden("settlement_not_in_session",
                    "This session token is limited to other settlements");
        }
    }

    /** The caller's platform, or 403 when the caller is an operator without one. */
    public UUID requirePlatform() {
        if (platformId == null) {
            throw ApiException.forbidden("platform_context_required",
                    "This endpoint acts on a platform; call it with a platform's credentials");
        }
        return platformId;
    }

    /** The caller's environment, or 403 when the caller is an operator without one. */
    public UUID requireEnvironment() {
        requirePlatform();
        return environmentId;
    }
}
