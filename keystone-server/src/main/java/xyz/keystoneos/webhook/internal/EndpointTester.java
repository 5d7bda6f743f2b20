package xyz.keystoneos.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.webhook.EventTypes;

/**
 * Sends a {@code test.ping} to an endpoint right away, signed and sent exactly like a real delivery (same headers,
 * SSRF check, timeout, redirects refused), and reports how it went. Nothing is stored: the ping is neither in the
 * outbox, nor in the delivery log, nor in the events feed.
 */
@Component
class EndpointTester {

    private final WebhookSender sender;
    private final JsonMapper json;

    EndpointTester(WebhookSender sender, JsonMapper jsonMapper) {
        this.sender = sender;
        this.json = jsonMapper;
    }

    WebhookViews.TestResult ping(Endpoint endpoint) {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", eventId);
        payload.put("event", EventTypes.TEST_PING);
        payload.put("created_at", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        payload.put("data", Map.of("endpoint_id", endpoint.id().toString()));
        byte[] body = json.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8);
        WebhookSender.Outcome outcome = sender.send(endpoint, body, eventId, UUID.randomUUID());
        return new WebhookViews.TestResult(outcome.success(), outcome.statusCode(), outcome.durationMillis(),
                outcome.error());
    }
}
