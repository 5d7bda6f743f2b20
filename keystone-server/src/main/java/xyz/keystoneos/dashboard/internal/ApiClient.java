package xyz.keystoneos.dashboard.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's way to the public API: plain HTTP to this server's own {@code /v1} over loopback, with the
 * user's bearer token and {@code X-Keystone-Environment}. Answers are JSON objects as maps (snake_case keys, as
 * the API sends them), which the templates read directly; an error answer becomes an {@link ApiProblem}.
 */
@Component
class ApiClient {

    static final String ENVIRONMENT_HEADER = "X-Keystone-Environment";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final DashboardEndpoints endpoints;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ApiClient(DashboardEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    Map<String, Object> send(String method, String path, Object body, String token, String environment) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoints.apiBaseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        if (environment != null) {
            request.header(ENVIRONMENT_HEADER, environment);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("The API did not answer " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String raw = response.body();
        Map<String, Object> answer = raw == null || raw.isBlank() || !raw.trim().startsWith("{")
                ? new LinkedHashMap<>() : json.readValue(raw, OBJECT);
        if (response.statusCode() >= 400) {
            throw problem(response.statusCode(), answer);
        }
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static ApiProblem problem(int status, Map<String, Object> answer) {
        Object errors = answer.get("errors");
        return new ApiProblem(status, String.valueOf(answer.getOrDefault("code", "http_" + status)),
                (String) answer.get("detail"),
                errors instanceof List<?> list ? (List<Map<String, Object>>) list : List.of(),
                (String) answer.get("request_id"));
    }
}
