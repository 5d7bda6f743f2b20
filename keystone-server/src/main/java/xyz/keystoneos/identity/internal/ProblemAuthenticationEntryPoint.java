package xyz.keystoneos.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import xyz.keystoneos.shared.web.ProblemWriter;

/**
 * 401 answers for the API: a problem document with a precise code ({@code missing_token}, {@code token_expired},
 * {@code invalid_audience}, {@code invalid_token}) and the RFC 6750 {@code WWW-Authenticate} header. The token
 * itself is never echoed.
 */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        if (!(exception instanceof InvalidBearerTokenException)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"keystone\"");
            problems.write(response, HttpStatus.UNAUTHORIZED, "missing_token",
                    "This endpoint needs an access token: send 'Authorization: Bearer <token>' "
                            + "(get one from POST /oauth/token)");
            return;
        }
        String message = exception.getMessage() == null ? "" : exception.getMessage();
        String code;
        String detail;
        if (message.contains("expired")) {
            code = "token_expired";
            detail = "The access token has expired; request a new one from POST /oauth/token";
        } else if (message.contains("aud")) {
            code = "invalid_audience";
            detail = "The access token was not issued for this API (wrong audience)";
        } else if (message.contains("iss")) {
            code = "invalid_issuer";
            detail = "The access token was not issued by this server's issuer";
        } else {
            code = "invalid_token";
            detail = "The access token is malformed, or its signature is not valid for this server";
        }
        response.setHeader("WWW-Authenticate",
                "Bearer realm=\"keystone\", error=\"invalid_token\", error_description=\"" + detail + "\"");
        problems.write(response, HttpStatus.UNAUTHORIZED, code, detail);
    }
}
