package xyz.keystoneos.sdk;

import java.util.List;

/**
 * The request was refused as invalid (HTTP 400 or 422). {@link #fieldErrors()} names each offending field by its
 * JSON path when the server reported them; {@link #code()} says which rule failed (for example
 * {@code validation_failed} or {@code webhook_target_not_allowed}).
 */
public class ValidationException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a validation failure.
     *
     * @param statusCode   the HTTP status code, normally 400 or 422
     * @param code         the stable error code, or {@code null}
     * @param message      a short summary, or {@code null}
     * @param detail       the human-readable detail, or {@code null}
     * @param responseBody the response body exactly as received, or {@code null}
     * @param requestId    the request id, or {@code null}
     * @param fieldErrors  field problems, or {@code null} for none
     */
    public ValidationException(int statusCode, String code, String message, String detail, String responseBody,
                               String requestId, List<FieldError> fieldErrors) {
        super(statusCode, code, message, detail, responseBody, requestId, fieldErrors);
    }
}
