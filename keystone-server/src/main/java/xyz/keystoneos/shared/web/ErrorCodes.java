package xyz.keystoneos.shared.web;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Stable codes and plain details for errors decided before any handler ran (the container's error page and
 * Tomcat's own refusals), named like the codes {@link ApiExceptionHandler} gives the same statuses.
 */
final class ErrorCodes {

    private ErrorCodes() {
    }

    static String of(HttpStatus status) {
        if (status.is5xxServerError()) {
            return "internal_error";
        }
        return switch (status) {
            case BAD_REQUEST -> "bad_request";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case NOT_ACCEPTABLE -> "not_acceptable";
            case CONTENT_TOO_LARGE -> "payload_too_large";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "request_header_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case TOO_MANY_REQUESTS -> "rate_limited";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
    }

    static String detail(HttpStatus status, String method, String path) {
        if (status.is5xxServerError()) {
            return "An unexpected error occurred; quote the request id when contacting support";
        }
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed (its URL, method or headers cannot be processed)";
            case NOT_FOUND -> "No endpoint " + method + " " + path;
            case METHOD_NOT_ALLOWED -> "Method " + method + " is not allowed here";
            default -> status.getReasonPhrase();
        };
    }
}
