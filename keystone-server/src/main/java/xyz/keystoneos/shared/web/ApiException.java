package xyz.keystoneos.shared.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure the client is meant to see: an HTTP status, a stable snake_case {@code code}, a human
 * {@code detail} and optional field errors. Rendered as RFC 9457 problem+json by {@link ApiExceptionHandler}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, Object> members = new LinkedHashMap<>();

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public ApiException(HttpStatus status, String code, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static ApiException invalidFields(List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", describe(errors), errors);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, code, detail);
    }

    public static ApiException forbidden(String code, String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, code, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail);
    }

    public static ApiException unprocessable(String code, List<FieldError> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, describe(errors), errors);
    }

    private static String describe(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.getFirst().field() + ": " + errors.getFirst().message();
        }
        return errors.size() + " fields are invalid; see errors";
    }

    /** Adds an extension member to the problem document, e.g. {@code required_scope}. */
    public ApiException with(String member, Object value) {
        members.put(member, value);
        return this;
    }

    public Map<String, Object> members() {
        return Map.copyOf(members);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
