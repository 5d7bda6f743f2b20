package xyz.keystoneos.sdk;

import java.time.Duration;
import java.util.List;

/**
 * Too many requests (HTTP 429). {@link #retryAfter()} is how long the server asked the caller to wait, when it
 * sent a {@code Retry-After} header.
 */
public class RateLimitException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** The requested wait, may be null. */
    private final Duration retryAfter;

    /**
     * Creates a rate-limit failure.
     *
     * @param code         the stable error code, or {@code null}
     * @param message      a short summary, or {@code null}
     * @param detail       the human-readable detail, or {@code null}
     * @param responseBody the response body exactly as received, or {@code null}
     * @param requestId    the request id, or {@code null}
     * @param fieldErrors  field problems, or {@code null} for none
     * @param retryAfter   the wait from the {@code Retry-After} header, or {@code null} when there was none
     */
    public RateLimitException(String code, String message, String detail, String responseBody, String requestId,
                              List<FieldError> fieldErrors, Duration retryAfter) {
        super(429, code, message, detail, responseBody, requestId, fieldErrors);
        this.retryAfter = retryAfter;
    }

    /**
     * Returns how long the server asked the caller to wait before trying again.
     *
     * @return the wait from the {@code Retry-After} header, or {@code null} when the answer had none
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
