package xyz.keystoneos.sdk;

import java.util.List;

/**
 * The credentials are valid but not allowed to do this (HTTP 403), for example a token without the
 * required scope.
 */
public class ForbiddenException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an HTTP 403 answer.
     *
     * @param code         the stable error code, or {@code null}
     * @param message      a short summary, or {@code null}
     * @param detail       the human-readable detail, or {@code null}
     * @param responseBody the response body exactly as received, or {@code null}
     * @param requestId    the request id, or {@code null}
     * @param fieldErrors  field problems, or {@code null} for none
     */
    public ForbiddenException(String code, String message, String detail, String responseBody, String requestId,
            List<FieldError> fieldErrors) {
        super(403, code, message, detail, responseBody, requestId, fieldErrors);
    }
}
