package xyz.keystoneos.identity;

import java.util.Set;
import java.util.UUID;
import xyz.keystoneos.shared.web.ApiException;

/**
 * Who is calling the API, resolved from a verified token and checked against the database on every request.
 * Controllers take it as a method parameter.
 *
 * @param kind          platform client or operator client
 * @param clientId      the OAuth2 client id ({@code sub} of the token)
 * @param platformId    the caller's platform; {@code null} for operators
 * @param environmentId the environment the credentials are bound to; {@code null} for operators
 * @param environmentKind {@code sandbox} or {@code production}; {@code null} for operators
 * @param scopes        the scopes granted to this token
 */
public record Caller(Kind kind, String clientId, UUID platformId, UUID environmentId, String environmentSlug,
        String environmentKind, Set<String> scopes) {

    public enum Kind { PLATFORM, OPERATOR }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** How the caller appears in audit trails: {@code m2m:<client_id>}. */
    public String actor() {
        return "m2m:" + clientId;
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
