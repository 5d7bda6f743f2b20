package xyz.keystoneos.webhook.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends one signed webhook request: 15 s timeout, redirects not followed (a 3xx is a failure), only 2xx is success,
 * the first 1 KB of the response kept for the delivery log, {@code Retry-After} read on 429 and 503.
 */
@Component
class WebhookSender {

    static final int EXCERPT_BYTES = 1024;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final TargetGuard guard;
    private final Duration timeout;

    WebhookSender(TargetGuard guard, @Value("${keystone.webhooks.timeout:PT15S}") Duration timeout) {
        this.guard = guard;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** What one attempt produced. {@code statusCode} is null when no response arrived. */
    record Outcome(boolean success, Integer statusCode, long durationMillis, String error, String responseExcerpt,
            Duration retryAfter, Instant startedAt) {
    }

    Outcome send(Endpoint endpoint, byte[] body, String eventId, UUID deliveryId) {
        Instant started = Instant.now();
        long start = System.nanoTime();
        URI target;
        try {
            target = URI.create(endpoint.url());
            guard.check(target);
        } catch (TargetGuard.BlockedTarget | IllegalArgumentException e) {
            return new Outcome(false, null, 0, "target refused: " + e.getMessage(), null, null, started);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        WebhookSigner.headers(body, eventId, deliveryId, started.getEpochSecond(), endpoint.secret(),
                endpoint.previousSecretAt(started)).forEach(request::header);
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream stream = response.body()) {
                excerpt = new String(stream.readNBytes(EXCERPT_BYTES), StandardCharsets.UTF_8);
            }
            int status = response.statusCode();
            Duration retryAfter = (status == 429 || status == 503)
                    ? retryAfter(response.headers().firstValue("Retry-After").orElse(null)) : null;
            boolean success = status >= 200 && status < 300;
            return new Outcome(success, status, elapsed(start), success ? null : "HTTP " + status, excerpt,
                    retryAfter, started);
        } catch (HttpTimeoutException e) {
            return new Outcome(false, null, elapsed(start), "timed out after " + timeout.toMillis() + " ms", null,
                    null, started);
        } catch (ConnectException e) {
            return new Outcome(false, null, elapsed(start), "connection refused or unreachable", null, null, started);
        } catch (IOException e) {
            return new Outcome(false, null, elapsed(start), "I/O error: " + e.getMessage(), null, null, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, elapsed(start), "interrupted", null, null, started);
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** {@code Retry-After} as delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(Instant.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (java.time.format.DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
