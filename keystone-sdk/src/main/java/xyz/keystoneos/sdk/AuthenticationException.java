package xyz.keystoneos.sdk;

import java.util.List;

/**
 * The request was not authenticated: the API answered 401 (missing, expired or invalid token), or an access token
 * could not be obtained from the authorization server (wrong client id or secret, unknown audience).
 */
public class AuthenticationException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an authentication failure.
     *
     * @param statusCode   the HTTP status code: 401 from the API, or whatever the token endpoint answered
     * @param code         the stable error code, or {@code null}
     * @param message      a short summary, or {@code null}
     * @param detail       the human-readable detail, or {@code null}
     * @param responseBody the response body exactly as received, or {@code null}
     * @param requestId    the request id, or {@code null}
     * @param fieldErrors  field problems, or {@code null} for none
     */
    public AuthenticationException(int statusCode, String code, String message, String detail, String responseBody,
                                   String requestId, List<FieldError> fieldErrors) {
        super(statusCode, code, message, detail, responseBody, requestId, fieldErrors);
    }
}
