package xyz.keystoneos.webhook.api;

import static org.assertj.core.api.Assertions.assertThat;
import static xyz.keystoneos.webhook.api.WebhookTestSupport.WEBHOOKS;
import static xyz.keystoneos.webhook.api.WebhookTestSupport.createEndpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.TestPlatform;
import xyz.keystoneos.support.WebhookReceiver;
import xyz.keystoneos.support.WebhookReceiver.Answer;
import xyz.keystoneos.webhook.WebhookOutbox;

/** Test pings, the delivery log, manual retries and replays, against a real HTTP receiver. */
class WebhookDeliveryApiTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebhookOutbox outbox;

    @Autowired
    TransactionTemplate transactions;

    private TestPlatform platform;
    private String token;
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @BeforeEach
    void platform() {
        platform = newPlatform();
        token = tokenFor(platform);
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    private String publish(String type, Map<String, Object> data) {
        return WebhookTestSupport.publish(transactions, outbox, platform, type, data);
    }

    private JsonNode deliveries(String endpointId, String query) {
        ApiResponse response = api.get(WEBHOOKS + "/" + endpointId + "/deliveries" + query, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private JsonNode awaitDeliveries(String endpointId, int count, String status) {
        return Polling.until(() -> deliveries(endpointId, "?status=" + status),
                page -> page.get("total").asLong() == count, Duration.ofSeconds(20),
                count + " " + status + " deliveries of " + endpointId);
    }

    @Test
    void testPingReachesTheReceiverSignedAndIsNotStored() {
        WebhookReceiver receiver = receiver();
        ApiResponse endpoint = createEndpoint(api, token, receiver.url(), List.of("settlement.*"));
        String id = endpoint.text("id");
        String secret = endpoint.text("secret");

        ApiResponse result = api.post(WEBHOOKS + "/" + id + "/test", token, "");

        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(result.body().get("success").asBoolean()).isTrue();
        assertThat(result.body().get("status_code").asInt()).isEqualTo(200);
        assertThat(result.body().get("duration_ms").asLong()).isNotNegative();
        assertThat(result.body().get("error").isNull()).isTrue();

        assertThat(receiver.received()).hasSize(1);
        WebhookReceiver.Received ping = receiver.received().getFirst();
        JsonNode payload = JSON.readTree(ping.body());
        assertThat(payload.get("id").asString()).startsWith("evt_");
        assertThat(payload.get("event").asString()).isEqualTo("test.ping");
        assertThat(Instant.parse(payload.get("created_at").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(payload.get("data").get("endpoint_id").asString()).isEqualTo(id);
        assertThat(ping.header("X-Keystone-Event-Id")).isEqualTo(payload.get("id").asString());
        assertThat(ping.header("X-Keystone-Delivery-Id")).isNotBlank();
        assertThat(ping.header("X-Keystone-Signature")).isEqualTo(WebhookTestSupport.keystoneSignature(secret,
                ping.body()));
        assertThat(ping.header("X-Keystone-Signature-Previous")).isNull();
        assertThat(ping.header("webhook-id")).isEqualTo(payload.get("id").asString());
        assertThat(ping.header("webhook-signature")).isEqualTo(WebhookTestSupport.standardSignature(secret,
                ping.header("webhook-id"), ping.header("webhook-timestamp"), ping.body()));

        assertThat(deliveries(id, "").get("total").asLong()).isZero();
    }

    @Test
    void testPingReportsFailuresWithTheirReason() {
        WebhookReceiver failing = receiver();
        failing.answer(r -> Answer.status(500));
        String erroring = createEndpoint(api, token, failing.url(), List.of("*")).text("id");
        String closed = createEndpoint(api, token, "http://127.0.0.1:" + WebhookTestSupport.closedPort() + "/hooks",
                List.of("*")).text("id");

        JsonNode serverError = api.post(WEBHOOKS + "/" + erroring + "/test", token, "").body();
        JsonNode refused = api.post(WEBHOOKS + "/" + closed + "/test", token, "").body();

        assertThat(serverError.get("success").asBoolean()).isFalse();
        assertThat(serverError.get("status_code").asInt()).isEqualTo(500);
        assertThat(serverError.get("error").asString()).isEqualTo("HTTP 500");
        assertThat(refused.get("success").asBoolean()).isFalse();
        assertThat(refused.get("status_code").isNull()).isTrue();
        assertThat(refused.get("error").asString()).isNotBlank();
    }

    @Test
    void afterRotationDeliveriesAreSignedWithTheNewAndThePreviousSecret() {
        WebhookReceiver receiver = receiver();
        ApiResponse endpoint = createEndpoint(api, token, receiver.url(), List.of("*"));
        String id = endpoint.text("id");
        String oldSecret = endpoint.text("secret");
        String newSecret = api.post(WEBHOOKS + "/" + id + "/rotate-secret", token, "").text("new_secret");

        assertThat(api.post(WEBHOOKS + "/" + id + "/test", token, "").body().get("success").asBoolean()).isTrue();

        WebhookReceiver.Received ping = receiver.received().getFirst();
        assertThat(ping.header("X-Keystone-Signature"))
                .isEqualTo(WebhookTestSupport.keystoneSignature(newSecret, ping.body()));
        assertThat(ping.header("X-Keystone-Signature-Previous"))
                .isEqualTo(WebhookTestSupport.keystoneSignature(oldSecret, ping.body()));
        String id2 = ping.header("webhook-id");
        String timestamp = ping.header("webhook-timestamp");
        assertThat(ping.header("webhook-signature").split(" ")).containsExactly(
                WebhookTestSupport.standardSignature(newSecret, id2, timestamp, ping.body()),
                WebhookTestSupport.standardSignature(oldSecret, id2, timestamp, ping.body()));
    }

    @Test
    void deliveryLogListsDeliveriesNewestFirstWithTheirAttempts() {
        WebhookReceiver receiver = receiver();
        String id = createEndpoint(api, token, receiver.url(), List.of("*")).text("id");
        String matched = publish("instruction.matched", Map.of("trade_reference", "KS-1"));
        String finalized = publish("settlement.state.finalized", Map.of("state", "FINALIZED"));

        JsonNode page = awaitDeliveries(id, 2, "succeeded");

        JsonNode newest = page.get("items").get(0);
        assertThat(newest.get("event_id").asString()).isEqualTo(finalized);
        assertThat(newest.get("event_type").asString()).isEqualTo("settlement.state.finalized");
        assertThat(newest.get("status").asString()).isEqualTo("succeeded");
        assertThat(newest.get("attempts").asInt()).isEqualTo(1);
        assertThat(newest.get("next_attempt_at").isNull()).isTrue();
        assertThat(newest.get("last_status_code").asInt()).isEqualTo(200);
        assertThat(newest.get("last_error").isNull()).isTrue();
        assertThat(newest.get("last_attempt_at").isNull()).isFalse();
        assertThat(newest.get("completed_at").isNull()).isFalse();
        assertThat(newest.get("created_at").isNull()).isFalse();
        JsonNode attempt = newest.get("attempt_log").get(0);
        assertThat(newest.get("attempt_log")).hasSize(1);
        assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
        assertThat(attempt.get("status_code").asInt()).isEqualTo(200);
        assertThat(attempt.get("duration_ms").asInt()).isNotNegative();
        assertThat(attempt.get("started_at").isNull()).isFalse();
        assertThat(attempt.get("error").isNull()).isTrue();
        assertThat(attempt.get("response_excerpt").asString()).contains("\"received\":true");
        assertThat(page.get("items").get(1).get("event_id").asString()).isEqualTo(matched);

        assertThat(deliveries(id, "?event=instruction.matched").get("items")).hasSize(1);
        assertThat(deliveries(id, "?event=instruction.matched").get("items").get(0).get("event_id").asString())
                .isEqualTo(matched);
        assertThat(deliveries(id, "?status=failed").get("total").asLong()).isZero();
        assertThat(deliveries(id, "?status=pending").get("total").asLong()).isZero();
        JsonNode first = deliveries(id, "?limit=1");
        assertThat(first.get("total").asLong()).isEqualTo(2);
        assertThat(first.get("items")).hasSize(1);
        String cursor = first.get("items").get(0).get("id").asString();
        JsonNode second = deliveries(id, "?limit=1&starting_after=" + cursor);
        assertThat(second.get("items").get(0).get("event_id").asString()).isEqualTo(matched);
    }

    @Test
    void deliveryLogRefusesUnknownFilters() {
        String id = createEndpoint(api, token, "https://hooks.example.com/x", List.of("*")).text("id");

        ApiResponse status = api.get(WEBHOOKS + "/" + id + "/deliveries?status=delivered", token);
        ApiResponse event = api.get(WEBHOOKS + "/" + id + "/deliveries?event=settlement.done", token);
        ApiResponse cursor = api.get(WEBHOOKS + "/" + id + "/deliveries?starting_after=nope", token);

        assertThat(status.status()).isEqualTo(400);
        assertThat(status.body().get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertThat(status.body().get("errors").get(0).get("message").asString())
                .contains("pending", "succeeded", "failed");
        assertThat(event.status()).isEqualTo(400);
        assertThat(event.body().get("errors").get(0).get("field").asString()).isEqualTo("event");
        assertThat(cursor.status()).isEqualTo(400);
    }

    @Test
    void retrySendsADeliveryAgainWithTheSameEventId() {
        WebhookReceiver receiver = receiver();
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> new Answer(200, Map.of(), calls.incrementAndGet() > 1 ? 1_000 : 0));
        String id = createEndpoint(api, token, receiver.url(), List.of("*")).text("id");
        String event = publish("settlement.state.instructed", Map.of("state", "INSTRUCTED"));
        String delivery = awaitDeliveries(id, 1, "succeeded").get("items").get(0).get("id").asString();

        ApiResponse retried = api.post(WEBHOOKS + "/" + id + "/deliveries/" + delivery + "/retry", token, "");

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.text("id")).isEqualTo(delivery);
        assertThat(retried.text("event_id")).isEqualTo(event);
        assertThat(retried.text("status")).isEqualTo("pending");
        assertThat(retried.body().get("completed_at").isNull()).isTrue();
        JsonNode done = Polling.until(() -> deliveries(id, "").get("items").get(0),
                d -> d.get("status").asString().equals("succeeded") && d.get("attempts").asInt() == 2,
                Duration.ofSeconds(20), "the retried delivery");
        assertThat(done.get("attempt_log")).hasSize(2);
        assertThat(done.get("attempt_log").get(1).get("attempt").asInt()).isEqualTo(2);
        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).header("webhook-id")).isEqualTo(event);
    }

    @Test
    void retryFindsOnlyTheEndpointsOwnDeliveries() {
        WebhookReceiver receiver = receiver();
        String first = createEndpoint(api, token, receiver.url(), List.of("*")).text("id");
        String second = createEndpoint(api, token, "https://hooks.example.com/other", List.of("instruction.*"))
                .text("id");
        publish("settlement.state.instructed", Map.of());
        String delivery = awaitDeliveries(first, 1, "succeeded").get("items").get(0).get("id").asString();

        for (String path : List.of(WEBHOOKS + "/" + second + "/deliveries/" + delivery + "/retry",
                WEBHOOKS + "/" + first + "/deliveries/" + WebhookTestSupport.randomId() + "/retry",
                WEBHOOKS + "/" + first + "/deliveries/not-a-delivery/retry")) {
            ApiResponse response = api.post(path, token, "");
            assertThat(response.status()).as(path + " → " + response).isEqualTo(404);
            assertThat(response.code()).isEqualTo("webhook_delivery_not_found");
        }
    }

    @Test
    void retryAndReplayOnADisabledEndpointAreConflicts() {
        WebhookReceiver receiver = receiver();
        String id = createEndpoint(api, token, receiver.url(), List.of("*")).text("id");
        publish("settlement.state.instructed", Map.of());
        String delivery = awaitDeliveries(id, 1, "succeeded").get("items").get(0).get("id").asString();
        api.patch(WEBHOOKS + "/" + id, token, "{\"is_active\": false}");

        ApiResponse retry = api.post(WEBHOOKS + "/" + id + "/deliveries/" + delivery + "/retry", token, "");
        ApiResponse replay = api.post(WEBHOOKS + "/" + id + "/replay", token, Api.json(Map.of(
                "since", Instant.now().minus(Duration.ofHours(1)).toString(), "until", Instant.now().toString())));

        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.code()).isEqualTo("webhook_endpoint_disabled");
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.code()).isEqualTo("webhook_endpoint_disabled");
    }

    @Test
    void replayQueuesPastEventsOfTheEnvironmentThatTheEndpointSubscribesTo() {
        String settled = publish("settlement.state.finalized", Map.of("state", "FINALIZED"));
        publish("instruction.matched", Map.of("trade_reference", "KS-2"));
        WebhookTestSupport.publish(transactions, outbox, newPlatform(), "settlement.state.finalized", Map.of());
        WebhookReceiver receiver = receiver();
        String id = createEndpoint(api, token, receiver.url(), List.of("settlement.*")).text("id");
        assertThat(deliveries(id, "").get("total").asLong()).isZero();
        String window = Api.json(Map.of("since", Instant.now().minus(Duration.ofHours(1)).toString(),
                "until", Instant.now().plus(Duration.ofMinutes(1)).toString()));

        ApiResponse replay = api.post(WEBHOOKS + "/" + id + "/replay", token, window);

        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        assertThat(replay.body().get("replayed").asInt()).isEqualTo(1);
        JsonNode delivered = awaitDeliveries(id, 1, "succeeded").get("items").get(0);
        assertThat(delivered.get("event_id").asString()).isEqualTo(settled);
        assertThat(JSON.readTree(receiver.received().getFirst().body()).get("id").asString()).isEqualTo(settled);

        ApiResponse again = api.post(WEBHOOKS + "/" + id + "/replay", token, window);
        assertThat(again.body().get("replayed").asInt()).isEqualTo(1);
        Polling.until(() -> deliveries(id, "").get("items").get(0),
                d -> d.get("status").asString().equals("succeeded") && d.get("attempts").asInt() == 2,
                Duration.ofSeconds(20), "the replayed delivery to be sent again");
        assertThat(deliveries(id, "").get("total").asLong()).isEqualTo(1);

        String past = Api.json(Map.of("since", "2020-01-01T00:00:00Z", "until", "2020-01-31T00:00:00+01:00"));
        assertThat(api.post(WEBHOOKS + "/" + id + "/replay", token, past).body().get("replayed").asInt()).isZero();
    }

    @Test
    void replayWindowMustBeOrderedAndAtMostThirtyDays() {
        String id = createEndpoint(api, token, "https://hooks.example.com/x", List.of("*")).text("id");
        String path = WEBHOOKS + "/" + id + "/replay";

        ApiResponse equal = api.post(path, token,
                "{\"since\": \"2026-01-01T00:00:00Z\", \"until\": \"2026-01-01T00:00:00Z\"}");
        ApiResponse reversed = api.post(path, token,
                "{\"since\": \"2026-01-02T00:00:00Z\", \"until\": \"2026-01-01T00:00:00Z\"}");
        ApiResponse tooLong = api.post(path, token,
                "{\"since\": \"2026-01-01T00:00:00Z\", \"until\": \"2026-01-31T00:00:01Z\"}");
        ApiResponse thirtyDays = api.post(path, token,
                "{\"since\": \"2026-01-01T00:00:00Z\", \"until\": \"2026-01-31T00:00:00Z\"}");
        ApiResponse malformed = api.post(path, token, "{\"since\": \"yesterday\", \"until\": \"2026-01-01T00:00:00Z\"}");
        ApiResponse missing = api.post(path, token, "{\"since\": \"2026-01-01T00:00:00Z\"}");
        ApiResponse number = api.post(path, token, "{\"since\": 1767225600, \"until\": \"2026-01-02T00:00:00Z\"}");

        for (ApiResponse response : List.of(equal, reversed, tooLong)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(422);
            assertThat(response.code()).isEqualTo("invalid_replay_range");
        }
        assertThat(thirtyDays.status()).as(thirtyDays.toString()).isEqualTo(200);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("errors").get(0).get("field").asString()).isEqualTo("since");
        assertThat(malformed.body().get("errors").get(0).get("message").asString()).contains("RFC 3339");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").get(0).get("field").asString()).isEqualTo("until");
        assertThat(number.status()).isEqualTo(400);
    }
}
