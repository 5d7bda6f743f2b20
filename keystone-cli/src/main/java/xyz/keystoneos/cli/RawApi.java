package xyz.keystoneos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import xyz.keystoneos.sdk.ApiConnectionException;
import xyz.keystoneos.sdk.ApiException;
import xyz.keystoneos.sdk.AuthenticationException;
import xyz.keystoneos.sdk.FieldError;
import xyz.keystoneos.sdk.KeystoneClient;
import xyz.keystoneos.sdk.KeystoneException;

/**
 * The few reads the SDK has no method for, made directly over HTTP with the same credentials: {@code GET /v1/ping}
 * (who am I), {@code GET /v1/events} (the events feed {@code listen} follows) and the settlement events as the raw
 * JSON the hash chain covers (the SDK maps states to an enum, which loses a custom template's state names). Errors
 * become the SDK's {@link ApiException} subclasses, so every command reports them alike.
 */
public final class RawApi {

    private final HttpClient http;
    private final ObjectMapper json;
    private final Profile profile;
    private final Duration timeout;
    private String token;

    public RawApi(Profile profile, ObjectMapper json, Duration timeout) {
        this.profile = profile;
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code GET /v1/ping}: client id, kind, platform, environment and scopes of the credentials. */
    public JsonNode ping() {
        return get("/v1/ping", Map.of());
    }

    /** {@code GET /v1/events}: one page of the feed, oldest first, after {@code startingAfter} (or from the start). */
    public JsonNode events(String startingAfter, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        if (startingAfter != null) {
            query.put("starting_after", startingAfter);
        }
        query.put("limit", Integer.toString(limit));
        return get("/v1/events", query);
    }

    /** {@code GET /v1/settlements/{id}/events}, as JSON: {@code {items: [...], total}}. */
    public JsonNode settlementEvents(String settlementId) {
        return get("/v1/settlements/" + URLEncoder.encode(settlementId, StandardCharsets.UTF_8) + "/events",
                Map.of());
    }

    /** Fetches a token with the client credentials (also what {@code login} uses to check them). */
    public String token() {
        if (token != null) {
            return token;
        }
        String body;
        try {
            body = json.writeValueAsString(Map.of("grant_type", "client_credentials", "client_id", profile.clientId(),
                    "client_secret", profile.clientSecret(), "audience", KeystoneClient.DEFAULT_AUDIENCE));
        } catch (IOException e) {
            throw new KeystoneException("cannot write the token request", e);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(profile.authUrl(), "/oauth/token", Map.of()))
                .timeout(timeout).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            ApiException error = error(response);
            throw new AuthenticationException(response.statusCode(), error.code(), error.message(), error.detail(),
                    error.responseBody(), error.requestId(), error.fieldErrors());
        }
        JsonNode answer = read(response.body());
        token = answer.path("access_token").asText(null);
        if (token == null) {
            throw new KeystoneException("the token endpoint answered no access_token");
        }
        return token;
    }

    JsonNode get(String path, Map<String, String> query) {
        HttpResponse<String> response = authorizedGet(path, query);
        if (response.statusCode() == 401) {
            token = null; // expired or revoked meanwhile: one fresh token, like the SDK
            response = authorizedGet(path, query);
        }
        if (response.statusCode() / 100 != 2) {
            throw error(response);
        }
        return read(response.body());
    }

    private HttpResponse<String> authorizedGet(String path, Map<String, String> query) {
        return send(HttpRequest.newBuilder(uri(profile.baseUrl(), path, query)).timeout(timeout)
                .header("Authorization", "Bearer " + token()).header("Accept", "application/json")
                .header("User-Agent", "keystone-cli/" + KeystoneCli.VERSION).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ApiConnectionException("No answer from " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while calling " + request.uri(), e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new KeystoneException("the API answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    private ApiException error(HttpResponse<String> response) {
        JsonNode problem;
        try {
            problem = json.readTree(response.body());
        } catch (IOException | RuntimeException notJson) {
            problem = json.createObjectNode();
        }
        if (problem == null) {
            problem = json.createObjectNode();
        }
        List<FieldError> errors = new ArrayList<>();
        problem.path("errors").forEach(e -> errors.add(new FieldError(e.path("field").asText(null),
                e.path("message").asText(null))));
        String requestId = problem.path("request_id").asText(
                response.headers().firstValue("X-Request-Id").orElse(null));
        String code = problem.path("code").asText(problem.path("error").asText(null));
        return ApiException.of(response.statusCode(), code, problem.path("title").asText(null),
                problem.path("detail").asText(problem.path("error_description").asText(null)), response.body(),
                requestId, errors, null);
    }

    private static URI uri(String base, String path, Map<String, String> query) {
        String trimmed = base.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String queryString = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(trimmed + path + queryString);
    }
}
