package xyz.keystoneos.shared.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every exception that reaches Spring MVC into a problem+json response with a stable code. Malformed
 * input is always a 4xx with a message naming the field; only genuine server faults are 500, and those never
 * expose internals.
 */
@RestControllerAdvice
@Order(0)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Problem> api(ApiException e) {
        Problem body = Problem.of(e.status(), e.code(), e.getMessage(), e.errors(), RequestIds.current());
        for (Map.Entry<String, Object> member : e.members().entrySet()) {
            body = body.with(member.getKey(), member.getValue());
        }
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimitFilter.PayloadTooLargeException tooLarge) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", tooLarge.getMessage(), List.of());
            }
        }
        if (e.getCause() instanceof JacksonException jackson) {
            return jsonProblem(jackson);
        }
        return problem(HttpStatus.BAD_REQUEST, "missing_body", "A JSON request body is required", List.of());
    }

    private ResponseEntity<Problem> jsonProblem(JacksonException e) {
        String field = path(e);
        String message = switch (e) {
            case UnrecognizedPropertyException u -> "is not a recognised field";
            case InvalidNullException n -> "must not be null";
            case InvalidFormatException f when f.getTargetType() != null && f.getTargetType().isEnum() ->
                    "has an invalid value '" + f.getValue() + "'" + accepted(f.getTargetType());
            case InvalidFormatException f -> "must be " + describe(f.getTargetType()) + ", not '" + f.getValue() + "'";
            case ValueInstantiationException v -> v.getCause() != null && v.getCause().getMessage() != null
                    ? v.getCause().getMessage() : "has an invalid value";
            case MismatchedInputException m -> "must be " + describe(m.getTargetType());
            case StreamReadException s -> null;
            default -> null;
        };
        if (message == null) {
            var location = e.getLocation();
            String where = location == null ? "" : " (line " + location.getLineNr() + ", column "
                    + location.getColumnNr() + ")";
            return problem(HttpStatus.BAD_REQUEST, "malformed_json",
                    "The request body is not valid JSON" + where + ": " + e.getOriginalMessage(), List.of());
        }
        if (field.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "invalid_body", "The request body " + message, List.of());
        }
        return problem(HttpStatus.BAD_REQUEST, "validation_failed", field + " " + message,
                List.of(new FieldError(field, message)));
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String accepted(Class<?> type) {
        if (type == null || !type.isEnum()) {
            return "";
        }
        return "; expected one of: " + Arrays.stream(type.getFields())
                .filter(Field::isEnumConstant)
                .map(f -> f.isAnnotationPresent(JsonProperty.class) ? f.getAnnotation(JsonProperty.class).value()
                        : f.getName())
                .collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of a different type";
        }
        if (type == String.class || type.isEnum()) {
            return "a string" + accepted(type);
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean (true or false)";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.getSimpleName().equals("Quantity")) {
            return "a decimal string such as \"1000.50\"";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of type " + type.getSimpleName();
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Problem> invalid(MethodArgumentNotValidException e) {
        List<FieldError> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(f ->
                errors.add(new FieldError(snakeCase(f.getField()), f.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors().forEach(g -> errors.add(new FieldError("", g.getDefaultMessage())));
        return api(ApiException.invalidFields(errors));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Problem> invalidParameters(HandlerMethodValidationException e) {
        List<FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new FieldError(snakeCase(result.getMethodParameter().getParameterName()),
                        error.getDefaultMessage()))));
        return api(ApiException.invalidFields(errors));
    }

    private static String snakeCase(String name) {
        return name == null ? "" : name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> typeMismatch(MethodArgumentTypeMismatchException e) {
        String name = e.getName();
        String message = "must be " + describe(e.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, "validation_failed", name + " " + message,
                List.of(new FieldError(name, message)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Problem> missingParameter(MissingServletRequestParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "validation_failed", e.getParameterName() + " is required",
                List.of(new FieldError(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Problem> missingHeader(MissingRequestHeaderException e) {
        return problem(HttpStatus.BAD_REQUEST, "missing_header", "The header " + e.getHeaderName() + " is required",
                List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Problem> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                "Content-Type " + e.getContentType() + " is not supported; send application/json", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Problem> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return problem(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "This endpoint answers application/json only",
                List.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Problem> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<Problem> response = problem(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                "Method " + e.getMethod() + " is not allowed here", List.of());
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(response.getHeaders());
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Problem> noSuchPath(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not_found", "No endpoint " + e.getHttpMethod() + " /"
                + e.getResourcePath(), List.of());
    }

    /** A query string Tomcat cannot parse (e.g. {@code ?=1}, a broken {@code %} escape): the caller's fault. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<Problem> malformedQuery(org.apache.tomcat.util.http.InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "validation_failed",
                "The query string is malformed (a parameter without a name or a broken % escape)", List.of());
    }

    /**
     * Spring Security's firewall refusing a parameter name or value (control characters, …) when the request's
     * parameters are first read, here inside the handler: the caller's fault, never a 500.
     */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<Problem> rejectedRequest(org.springframework.security.web.firewall.RequestRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, "request_rejected",
                "The request's parameters or headers contain characters this API does not accept", List.of());
    }

    /** A path variable that decodes to nothing (e.g. {@code /v1/settlements/%20}) names no resource. */
    @ExceptionHandler(org.springframework.web.bind.MissingPathVariableException.class)
    ResponseEntity<Problem> missingPathVariable(org.springframework.web.bind.MissingPathVariableException e) {
        return problem(HttpStatus.NOT_FOUND, "not_found", "No such " + e.getVariableName(), List.of());
    }

    /**
     * Text PostgreSQL cannot store (the NUL character, {@code \u0000}, in a text or JSON value) is the caller's
     * input, not a server fault; any other integrity violation still is one.
     */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ResponseEntity<Problem> unstorable(org.springframework.dao.DataIntegrityViolationException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql
                    && ("22P05".equals(sql.getSQLState()) || "22021".equals(sql.getSQLState()))) {
                return problem(HttpStatus.BAD_REQUEST, "validation_failed",
                        "The request contains a character that cannot be stored (NUL, \\u0000)", List.of());
            }
        }
        return unexpected(e);
    }

    /** Lost a lock race (deadlock victim, lock timeout): nothing was written; the same request can be retried. */
    @ExceptionHandler(org.springframework.dao.PessimisticLockingFailureException.class)
    ResponseEntity<Problem> lockConflict(org.springframework.dao.PessimisticLockingFailureException e) {
        log.warn("Request lost a database lock race; answering 503 so the client retries", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "concurrent_update",
                        "The request collided with a concurrent change and was not applied; retry it",
                        List.of(), RequestIds.current()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception e) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            return databaseUnavailable(e);
        }
        log.error("Unhandled error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "An unexpected error occurred; quote the request id when contacting support", List.of());
    }

    /** The database is down or restarting (see {@link DatabaseUnavailable}): 503, not a 500 with a stack trace. */
    private static ResponseEntity<Problem> databaseUnavailable(Exception e) {
        log.warn("The database is unreachable ({}); answered 503", DatabaseUnavailable.rootMessage(e));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(DatabaseUnavailable.problem());
    }

    static ResponseEntity<Problem> problem(HttpStatus status, String code, String detail, List<FieldError> errors) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problem.of(status, code, detail, errors, RequestIds.current()));
    }
}
