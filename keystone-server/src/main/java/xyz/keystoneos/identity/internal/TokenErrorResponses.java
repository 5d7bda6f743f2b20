package xyz.keystoneos.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import xyz.keystoneos.shared.web.Problem;
import xyz.keystoneos.shared.web.ProblemWriter;
import xyz.keystoneos.shared.web.RequestIds;

/**
 * Errors of {@code /oauth/token} as problem+json that is also a valid OAuth2 error response: the body carries
 * {@code error} and {@code error_description} (RFC 6749 §5.2) next to the problem members, so OAuth libraries
 * and KeyStone clients both understand it.
 */
@Component
class TokenErrorResponses implements AuthenticationFailureHandler {

    static final String PLATFORM_SUSPENDED = "platform_suspended";
    static final String ENVIRONMENT_INACTIVE = "environment_inactive";
    static final String INVALID_AUDIENCE = "invalid_audience";

    private final ProblemWriter problems;

    TokenErrorResponses(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        OAuth2Error error = exception instanceof OAuth2AuthenticationException oauth
                ? oauth.getError()
                : new OAuth2Error("invalid_client");
        write(response, error.getErrorCode(), describe(error));
    }

    void write(HttpServletResponse response, String code, String description) throws IOException {
        HttpStatus status = statusOf(code);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"keystone\"");
        }
        response.setHeader("Cache-Control", "no-store");
        Problem problem = Problem.of(status, code, description, List.of(), RequestIds.current())
                .with("error", oauthErrorOf(code))
                .with("error_description", description);
        problems.write(response, problem);
    }

    private static HttpStatus statusOf(String code) {
        return switch (code) {
            case "invalid_client", ENVIRONMENT_INACTIVE -> HttpStatus.UNAUTHORIZED;
            case "unauthorized_client", "access_denied", PLATFORM_SUSPENDED, INVALID_AUDIENCE -> HttpStatus.FORBIDDEN;
            case "server_error" -> HttpStatus.INTERNAL_SERVER_ERROR;
            default -> HttpStatus.BAD_REQUEST;
        };
    }

    /** The standard OAuth2 error code for KeyStone's more specific ones. */
    private static String oauthErrorOf(String code) {
        return switch (code) {
            case ENVIRONMENT_INACTIVE -> "invalid_client";
            case PLATFORM_SUSPENDED, INVALID_AUDIENCE -> "access_denied";
            default -> code;
        };
    }

    private static String describe(OAuth2Error error) {
        if ("invalid_client".equals(error.getErrorCode())) {
            // One message for unknown client, wrong secret and revoked client: nothing to probe for.
            return "Client authentication failed: unknown client, wrong secret or revoked client";
        }
        if (error.getDescription() != null && !error.getDescription().isBlank()
                && !error.getDescription().startsWith("OAuth 2.0 Parameter")) {
            return error.getDescription();
        }
        return switch (error.getErrorCode()) {
            case "invalid_grant" -> "The grant is invalid or expired";
            case "unsupported_grant_type" -> "grant_type must be client_credentials";
            case "invalid_scope" -> "One or more requested scopes are not granted to this client";
            case "unauthorized_client" -> "This client may not use the requested grant type";
            case "invalid_request" -> error.getDescription() != null ? error.getDescription()
                    : "The token request is missing a parameter or has an invalid one";
            default -> "Token request refused (" + error.getErrorCode() + ")";
        };
    }
}
