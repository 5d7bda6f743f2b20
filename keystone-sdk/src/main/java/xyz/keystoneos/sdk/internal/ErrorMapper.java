package xyz.keystoneos.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import xyz.keystoneos.sdk.ApiException;
import xyz.keystoneos.sdk.FieldError;

/**
 * Turns an error answer into the matching {@link ApiException} (internal). Reads the RFC 9457 problem document
 * ({@code code}, {@code title}, {@code detail}, {@code errors}, {@code request_id}), falls back to the OAuth error
 * members ({@code error}, {@code error_description}) and to the {@code X-Request-Id} header, and keeps the body
 * verbatim whether or not it parses.
 */
public final class ErrorMapper {

    private ErrorMapper() {
    }

    /**
     * Maps an error answer.
     *
     * @param response the answer (status 4xx or 5xx)
     * @param clock    the clock, for HTTP-date {@code Retry-After} values
     * @return the exception for its status
     */
    public static ApiException map(HttpResponse<String> response, Clock clock) {
        String body = response.body();
        JsonNode problem = Json.get().treeOrNull(body);
        if (problem != null && !problem.isObject()) {
            problem = null;
        }
        String code = text(problem, "code");
        if (code == null) {
            code = text(problem, "error");
        }
        String title = text(problem, "title");
        String detail = text(problem, "detail");
        if (detail == null) {
            detail = text(problem, "error_description");
        }
        if (detail == null) {
            detail = text(problem, "message");
        }
        String requestId = text(problem, "request_id");
        if (requestId == null) {
            requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        }
        List<FieldError> errors = new ArrayList<>();
        if (problem != null && problem.path("errors").isArray()) {
            for (JsonNode error : problem.get("errors")) {
                errors.add(new FieldError(text(error, "field"), text(error, "message")));
            }
        }
        if (title == null && problem == null && body != null && !body.isBlank() && body.length() <= 500) {
            title = body.strip();
        }
        return ApiException.of(response.statusCode(), code, title, detail, body, requestId, errors,
                retryAfter(response, clock));
    }

    /**
     * Parses the {@code Retry-After} header: delay seconds or an HTTP date.
     *
     * @param response the answer
     * @param clock    the clock for HTTP dates
     * @return the wait, or {@code null} when the header is absent or unreadable
     */
    public static Duration retryAfter(HttpResponse<?> response, Clock clock) {
        String value = response.headers().firstValue("Retry-After").map(String::trim).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
