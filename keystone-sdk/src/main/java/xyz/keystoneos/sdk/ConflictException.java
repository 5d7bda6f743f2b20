package xyz.keystoneos.sdk;

import java.util.List;

/**
 * The request conflicts with the current state of the resource (HTTP 409), for example an illegal state
 * transition or an idempotency key reused with a different request.
 */
public class ConflictException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an HTTP 409 answer.
     *
     * @param code         the stable error code, or {@code null}
     * @param message      a short summary, or {@code null}
     * @param detail       the human-readable detail, or {@code null}
     * @param responseBody the response body exactly as received, or {@code null}
     * @param requestId    the request id, or {@code null}
     * @param fieldErrors  field problems, or {@code null} for none
     */
    public ConflictException(String code, String message, String detail, String responseBody, String requestId,
            List<FieldError> fieldErrors) {
        super(409, code, message, detail, responseBody, requestId, fieldErrors);
    }
}
