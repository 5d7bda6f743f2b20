package xyz.keystoneos.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The KeyStone API answered a request with an error status (4xx or 5xx).
 *
 * <p>KeyStone reports every error as an RFC 9457 {@code application/problem+json} document with a stable,
 * machine-readable {@link #code()} (for example {@code settlement_not_found}), a human-readable {@link #detail()},
 * optional {@link #fieldErrors() field errors} and the {@link #requestId() request id} to quote to support. The
 * complete body as received is always kept in {@link #responseBody()}, even when it could not be parsed.
 *
 * <p>Use {@link #of(int, String, String, String, String, String, List, Duration)} to get the subclass matching a
 * status: {@link AuthenticationException} (401), {@link ForbiddenException} (403), {@link NotFoundException} (404),
 * {@link ConflictException} (409), {@link ValidationException} (400, 422), {@link RateLimitException} (429) and
 * {@link ServerException} (5xx). Other statuses are reported as a plain {@code ApiException}.
 */
public class ApiException extends KeystoneException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status code of the answer. */
    private final int statusCode;
    /** The stable error code, may be null. */
    private final String code;
    /** The short human summary, may be null. */
    private final String apiMessage;
    /** The human explanation, may be null. */
    private final String detail;
    /** The raw body, may be null. */
    private final String responseBody;
    /** The request id, may be null. */
    private final String requestId;
    /** Field problems, never null. */
    private final List<FieldError> fieldErrors;

    /**
     * Creates an API exception. Prefer {@link #of(int, String, String, String, String, String, List, Duration)},
     * which picks the subclass matching the status.
     *
     * @param statusCode   the HTTP status code of the answer
     * @param code         the stable error code of the problem document (for example {@code validation_failed}),
     *                     or {@code null}
     * @param message      a short summary (the problem's {@code title} or the server's message), or {@code null}
     * @param detail       the problem's {@code detail}, or {@code null}
     * @param responseBody the response body exactly as received, or {@code null} when there was none
     * @param requestId    the {@code request_id} / {@code X-Request-Id} of the failed request, or {@code null}
     * @param fieldErrors  field problems ({@code errors}); {@code null} means none; {@code null} entries are dropped
     */
    public ApiException(int statusCode, String code, String message, String detail, String responseBody,
                        String requestId, List<FieldError> fieldErrors) {
        super(describe(statusCode, code, message, detail, requestId));
        this.statusCode = statusCode;
        this.code = code;
        this.apiMessage = message;
        this.detail = detail;
        this.responseBody = responseBody;
        this.requestId = requestId;
        this.fieldErrors = fieldErrors == null
                ? List.of()
                : fieldErrors.stream().filter(Objects::nonNull).toList();
    }

    /**
     * Returns the exception matching an error answer: {@link AuthenticationException} for 401,
     * {@link ForbiddenException} for 403, {@link NotFoundException} for 404, {@link ConflictException} for 409,
     * {@link ValidationException} for 400 and 422, {@link RateLimitException} for 429, {@link ServerException} for
     * 500 to 599 and a plain {@code ApiException} for any other status.
     *
     * @param status       the HTTP status code
     * @param code         the stable error code, or {@code null}
     * @param message      a short summary, or {@code null}
     * @param detail       the human-readable detail, or {@code null}
     * @param responseBody the response body exactly as received, or {@code null}
     * @param requestId    the request id, or {@code null}
     * @param errors       the field errors, or {@code null} for none
     * @param retryAfter   the parsed {@code Retry-After} header, or {@code null}; kept by
     *                     {@link RateLimitException} and {@link ServerException}, ignored for other statuses
     * @return the exception; never {@code null}
     */
    public static ApiException of(int status, String code, String message, String detail, String responseBody,
                                  String requestId, List<FieldError> errors, Duration retryAfter) {
        return switch (status) {
            case 400, 422 -> new ValidationException(status, code, message, detail, responseBody, requestId, errors);
            case 401 -> new AuthenticationException(status, code, message, detail, responseBody, requestId, errors);
            case 403 -> new ForbiddenException(code, message, detail, responseBody, requestId, errors);
            case 404 -> new NotFoundException(code, message, detail, responseBody, requestId, errors);
            case 409 -> new ConflictException(code, message, detail, responseBody, requestId, errors);
            case 429 -> new RateLimitException(code, message, detail, responseBody, requestId, errors, retryAfter);
            default -> status >= 500 && status <= 599
                    ? new ServerException(status, code, message, detail, responseBody, requestId, errors, retryAfter)
                    : new ApiException(status, code, message, detail, responseBody, requestId, errors);
        };
    }

    /**
     * Returns the HTTP status code of the answer.
     *
     * @return the status code, for example 404
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Returns the stable, machine-readable error code (the problem's {@code code}, for example
     * {@code settlement_not_found}); branch on this rather than on messages.
     *
     * @return the error code, or {@code null} when the answer carried none
     */
    public String code() {
        return code;
    }

    /**
     * Returns the short summary the server gave (the problem's {@code title} or message). {@link #getMessage()}
     * instead returns a complete description including status, code, detail and request id.
     *
     * @return the server's summary, or {@code null}
     */
    public String message() {
        return apiMessage;
    }

    /**
     * Returns the human-readable explanation (the problem's {@code detail}).
     *
     * @return the detail, or {@code null}
     */
    public String detail() {
        return detail;
    }

    /**
     * Returns the response body exactly as received, whether or not it could be parsed.
     *
     * @return the raw body, or {@code null} when the answer had none
     */
    public String responseBody() {
        return responseBody;
    }

    /**
     * Returns the id of the failed request ({@code request_id}, equal to the {@code X-Request-Id} header); quote it
     * when contacting support.
     *
     * @return the request id, or {@code null}
     */
    public String requestId() {
        return requestId;
    }

    /**
     * Returns the field problems of the answer (the problem's {@code errors}).
     *
     * @return an unmodifiable list, empty when there are none; never {@code null}
     */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    private static String describe(int status, String code, String message, String detail, String requestId) {
        StringBuilder text = new StringBuilder("HTTP ").append(status);
        if (code != null && !code.isBlank()) {
            text.append(' ').append(code);
        }
        String human = detail != null && !detail.isBlank() ? detail : message;
        if (human != null && !human.isBlank()) {
            text.append(": ").append(human);
        }
        if (requestId != null && !requestId.isBlank()) {
            text.append(" (request id ").append(requestId).append(')');
        }
        return text.toString();
    }
}
