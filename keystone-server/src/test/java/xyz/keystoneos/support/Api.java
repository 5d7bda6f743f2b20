package xyz.keystoneos.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for the server under test (JDK HttpClient, no Spring test shortcuts). */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Duration requestTimeout;

    public Api(int port) {
        this(port, Duration.ofSeconds(30));
    }

    /** With a longer wait per request than the usual 30 s, for load tests on a busy machine. */
    public Api(int port, Duration requestTimeout) {
        this.baseUrl = "http://localhost:" + port;
        this.requestTimeout = requestTimeout;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** {@code POST /oauth/token} with the Auth0-style JSON body. */
    public ApiResponse tokenJson(Map<String, String> body) {
        return send(HttpRequest.newBuilder(uri("/oauth/token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    /** {@code POST /oauth/token} with the standard form body. */
    public ApiResponse tokenForm(Map<String, String> body) {
        String form = body.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A token for these credentials, failing the test if the issuer refuses. */
    public String token(String clientId, String clientSecret) {
        ApiResponse response = tokenJson(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientSecret, "audience", "https://api.keystoneos.xyz"));
        if (response.status() != 200) {
            throw new AssertionError("token request failed: " + response);
        }
        return response.text("access_token");
    }

    public ApiResponse get(String path, String token) {
        return send(authorized(HttpRequest.newBuilder(uri(path)), token).GET());
    }

    public ApiResponse post(String path, String token, String jsonBody, String... headers) {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(uri(path)), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    public ApiResponse patch(String path, String token, String jsonBody) {
        return send(authorized(HttpRequest.newBuilder(uri(path)), token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public ApiResponse delete(String path, String token) {
        return send(authorized(HttpRequest.newBuilder(uri(path)), token).DELETE());
    }

    public ApiResponse send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(requestTimeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = null;
            if (raw != null && !raw.isBlank() && raw.trim().startsWith("{")) {
                body = JSON.readTree(raw);
            }
            return new ApiResponse(response.statusCode(), response.headers(), raw, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}
