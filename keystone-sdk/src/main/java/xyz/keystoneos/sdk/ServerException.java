package xyz.keystoneos.sdk;

import java.time.Duration;
import java.util.List;

/**
 * The server failed to handle the request (HTTP 5xx). Such failures are usually transient; the SDK retries the
 * statuses of {@link RetryConfig#retryableStatuses()}. KeyStone answers a rare database lock race with
 * 503 {@code concurrent_update} and {@code Retry-After: 1}: nothing was written and the request can be repeated.
 */
public class ServerException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** The requested wait, may be null. */
    private final Duration retryAfter;

    /**
     * Creates a server failure.
     *
     * @param statusCode   the HTTP status code, 500 to 599
     * @param code         the stable error code, or {@code null}
     * @param message      a short summary, or {@code null}
     * @param detail       the human-readable detail, or {@code null}
     * @param responseBody the response body exactly as received, or {@code null}
     * @param requestId    the request id, or {@code null}
     * @param fieldErrors  field problems, or {@code null} for none
     * @param retryAfter   the wait from the {@code Retry-After} header, or {@code null} when there was none
     */
    public ServerException(int statusCode, String code, String message, String detail, String responseBody,
                           String requestId, List<FieldError> fieldErrors, Duration retryAfter) {
        super(statusCode, code, message, detail, responseBody, requestId, fieldErrors);
        this.retryAfter = retryAfter;
    }

    /**
     * Returns how long the server asked the caller to wait before trying again (sent with some 503 answers).
     *
     * @return the wait from the {@code Retry-After} header, or {@code null} when the answer had none
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
