package xyz.keystoneos.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Posts one event to the local receiver, signed like a real delivery ({@link WebhookSigner}): the feed item's JSON
 * as the body, {@code Content-Type: application/json}, 15 s timeout, redirects not followed. One attempt: a
 * failure is reported, not retried.
 */
public final class EventForwarder {

    /** What happened to one forwarded event: the status code, or an error when no answer came. */
    public record Outcome(String eventId, String eventType, Integer statusCode, String error, long durationMs) {

        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    public static final String USER_AGENT = "KeyStone-Webhooks/1 (keystone-cli listen)";
    private static final ObjectMapper BODY = new ObjectMapper();

    private final URI target;
    private final WebhookSigner signer;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public EventForwarder(URI target, WebhookSigner signer, Duration timeout, Clock clock) {
        this.target = target;
        this.signer = signer;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI target() {
        return target;
    }

    public Outcome forward(JsonNode event) {
        String eventId = event.path("id").asText();
        String type = event.path("event").asText();
        byte[] body;
        try {
            body = BODY.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> headers = signer.headers(eventId, "dlv_cli_" + UUID.randomUUID().toString()
                .replace("-", ""), clock.instant().getEpochSecond(), body);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Outcome(eventId, type, response.statusCode(), null, elapsed(started));
        } catch (HttpTimeoutException e) {
            return new Outcome(eventId, type, null, "timed out after " + timeout.toSeconds() + " s", elapsed(started));
        } catch (ConnectException e) {
            return new Outcome(eventId, type, null, "connection refused (is your app listening on " + target
                    + "?)", elapsed(started));
        } catch (IOException e) {
            return new Outcome(eventId, type, null, e.toString(), elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(eventId, type, null, "interrupted", elapsed(started));
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
