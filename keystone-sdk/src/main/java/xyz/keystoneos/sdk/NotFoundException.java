package xyz.keystoneos.sdk;

import java.util.List;

/**
 * The resource does not exist or is not visible to these credentials (HTTP 404); KeyStone answers the
 * same for a resource of another environment or platform.
 */
public class NotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for an HTTP 404 answer.
     *
     * @param code         the stable error code, or {@code null}
     * @param message      a short summary, or {@code null}
     * @param detail       the human-readable detail, or {@code null}
     * @param responseBody the response body exactly as received, or {@code null}
     * @param requestId    the request id, or {@code null}
     * @param fieldErrors  field problems, or {@code null} for none
     */
    public NotFoundException(String code, String message, String detail, String responseBody, String requestId,
            List<FieldError> fieldErrors) {
        super(404, code, message, detail, responseBody, requestId, fieldErrors);
    }
}
