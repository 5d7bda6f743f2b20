package xyz.keystoneos.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a screen: a cookie jar over the JDK HTTP client that follows no redirect by itself, so tests
 * see every step of the dashboard's login (dashboard → client → issuer → login form → callback → dashboard).
 */
final class HttpBrowser {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    HttpBrowser(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String pathOrUrl, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpResponse<String> post(String pathOrUrl, Map<String, String> form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathOrUrl))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Follows redirects (GET) until a page answers; the last response. */
    HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            current = get(location(current));
        }
        return current;
    }

    static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no Location in " + response.statusCode() + " " + response.body()));
        return location;
    }

    /** The whole login, starting from a dashboard page; answers the page the dashboard finally shows. */
    HttpResponse<String> logIn(String startPath, String email, String password) {
        HttpResponse<String> login = follow(get(startPath));
        assertThat(login.uri().getPath()).as("ends on the issuer's login form").isEqualTo("/login");
        HttpResponse<String> submitted = post("/login",
                Map.of("username", email, "password", password, "_csrf", csrfField(login.body())));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
        return follow(submitted);
    }

    static String csrfField(String html) {
        Matcher matcher = CSRF_FIELD.matcher(html);
        assertThat(matcher.find()).as("a CSRF field in the page").isTrue();
        return matcher.group(1);
    }

    static String csrfMeta(String html) {
        Matcher matcher = CSRF_META.matcher(html);
        assertThat(matcher.find()).as("the CSRF meta tag in the page").isTrue();
        return matcher.group(1);
    }

    URI uri(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(base + pathOrUrl);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
