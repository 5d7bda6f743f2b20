package xyz.keystoneos.sdk.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One API call to make (internal): method, path below the base URL, query parameters, JSON body and idempotency key.
 *
 * @param method         the HTTP method
 * @param path           the path, starting with {@code /}, segments already encoded
 * @param query          the query parameters in order (repeatable names allowed)
 * @param body           the body object to serialise, or {@code null}
 * @param idempotencyKey the idempotency key (sent as {@code Idempotency-Key}), or {@code null}
 */
public record ApiRequest(String method, String path, List<Map.Entry<String, String>> query, Object body,
        String idempotencyKey) {

    /**
     * Creates a request.
     *
     * @param method         the method
     * @param path           the path
     * @param query          the query, {@code null} for none
     * @param body           the body, or {@code null}
     * @param idempotencyKey the key, or {@code null}
     */
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(query));
    }

    /**
     * A GET request.
     *
     * @param path  the path
     * @param query the query, may be {@code null}
     * @return the request
     */
    public static ApiRequest get(String path, Query query) {
        return new ApiRequest("GET", path, query == null ? null : query.entries(), null, null);
    }

    /**
     * A POST request.
     *
     * @param path           the path
     * @param body           the body, or {@code null}
     * @param idempotencyKey the key, or {@code null}
     * @return the request
     */
    public static ApiRequest post(String path, Object body, String idempotencyKey) {
        return new ApiRequest("POST", path, null, body, idempotencyKey);
    }

    /**
     * A PATCH request.
     *
     * @param path the path
     * @param body the body
     * @return the request
     */
    public static ApiRequest patch(String path, Object body) {
        return new ApiRequest("PATCH", path, null, body, null);
    }

    /**
     * A DELETE request.
     *
     * @param path the path
     * @return the request
     */
    public static ApiRequest delete(String path) {
        return new ApiRequest("DELETE", path, null, null, null);
    }

    /**
     * Whether repeating this request is safe: GET, HEAD, PUT, DELETE and OPTIONS always; POST only with an
     * idempotency key; PATCH never.
     *
     * @return {@code true} when the request may be retried
     */
    public boolean isRetrySafe() {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
            case "POST" -> idempotencyKey != null;
            default -> false;
        };
    }

    /**
     * Returns the path and query string.
     *
     * @return for example {@code /v1/settlements?state=FINALIZED&limit=20}
     */
    public String pathAndQuery() {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder text = new StringBuilder(path).append('?');
        for (int i = 0; i < query.size(); i++) {
            if (i > 0) {
                text.append('&');
            }
            text.append(encode(query.get(i).getKey())).append('=').append(encode(query.get(i).getValue()));
        }
        return text.toString();
    }

    /**
     * Percent-encodes one path segment or query component.
     *
     * @param value the raw value
     * @return the encoded value
     */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Returns a checked, encoded path segment for an id given by the caller.
     *
     * @param id   the id
     * @param name the parameter name for messages
     * @return the encoded segment
     * @throws NullPointerException     if {@code id} is {@code null}
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public static String segment(String id, String name) {
        Objects.requireNonNull(id, name + " must not be null");
        if (id.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return encode(id);
    }
}
