package xyz.keystoneos.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.WebhookReceiver;
import xyz.keystoneos.support.WebhookReceiver.Answer;
import xyz.keystoneos.webhook.WebhookOutbox;

/** The dispatcher against a real HTTP receiver: signing, retries, failures, isolation, rotation, disabling. */
class WebhookDeliveryTest extends DispatcherTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    private Endpoint endpoint(String url, List<String> events) {
        Endpoint endpoint = new Endpoint(UUID.randomUUID(), platform.platformId(), platform.environmentId(), url,
                "test", events, WebhookSigner.newSecret(), null, null, true, null, null, null, Instant.now(),
                Instant.now());
        endpoints.insert(endpoint);
        return endpoint;
    }

    private String publish(String type, Map<String, Object> data) {
        return transactions.execute(status -> outbox.publish(type, List.of(new WebhookOutbox.Recipient(
                platform.platformId(), platform.environmentId())), null, data));
    }

    private Map<String, Object> delivery(Endpoint endpoint, String eventId) {
        return jdbc.sql("select * from webhook_deliveries where endpoint_id = :e and event_id = :ev")
                .param("e", endpoint.id()).param("ev", eventId).query().singleRow();
    }

    private List<Map<String, Object>> attempts(Endpoint endpoint, String eventId) {
        return jdbc.sql("""
                select a.* from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id
                where d.endpoint_id = :e and d.event_id = :ev order by a.attempt""")
                .param("e", endpoint.id()).param("ev", eventId).query().listOfRows();
    }

    private void awaitStatus(Endpoint endpoint, String eventId, String status) {
        Polling.until(() -> delivery(endpoint, eventId).get("status"), status::equals, Duration.ofSeconds(20),
                "delivery " + eventId + " to be " + status);
    }

    @Test
    void settlementEventsArriveSignedInBothSchemesAndCanBeOrderedBySequence() {
        WebhookReceiver receiver = receiver();
        Endpoint endpoint = endpoint(receiver.url(), List.of("settlement.state.*"));
        SettlementFlows flows = new SettlementFlows(api);
        String token = tokenFor(platform);
        String seller = "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
        flows.fund(token, seller, "BOND-2026-A", "5");
        String id = api.post("/v1/settlements", token, """
                {"idempotency_key": "%s", "template_slug": "fop-standard", "timeout_at": "%s",
                 "parties": [{"role": "seller", "name": "S", "wallet_address": "%s", "chain_id": 11155111},
                             {"role": "buyer", "name": "B", "wallet_address": "0x3333333333333333333333333333333333333333",
                              "chain_id": 11155111}],
                 "legs": [{"instrument_id": "BOND-2026-A", "quantity": "5", "party_role": "seller"}]}"""
                .formatted(UUID.randomUUID(), Instant.now().plus(Duration.ofHours(1)), seller)).text("id");
        flows.awaitState(token, id, "AWAITING_DEPOSITS");
        flows.depositOwnLegs(token, id);
        flows.awaitState(token, id, "FINALIZED");

        List<WebhookReceiver.Received> received = Polling.until(receiver::received, r -> r.size() >= 6,
                Duration.ofSeconds(20), "six state events");
        String[] ordered = new String[7];
        for (WebhookReceiver.Received request : received) {
            JsonNode payload = JSON.readTree(request.body());
            assertThat(request.header("X-Keystone-Signature"))
                    .isEqualTo(StandardWebhooksVerifier.hexHmac(endpoint.secret(), request.body()));
            assertThat(StandardWebhooksVerifier.verify(endpoint.secret(), request.header("webhook-id"),
                    request.header("webhook-timestamp"), request.header("webhook-signature"), request.body(),
                    Instant.now())).isTrue();
            assertThat(request.header("webhook-id")).isEqualTo(payload.get("id").asString());
            assertThat(request.header("X-Keystone-Event-Id")).isEqualTo(payload.get("id").asString());
            assertThat(request.header("X-Keystone-Delivery-Id")).isNotBlank();
            assertThat(payload.get("event").asString()).startsWith("settlement.state.");
            JsonNode data = payload.get("data");
            assertThat(data.get("settlement_id").asString()).isEqualTo(id);
            ordered[data.get("sequence").asInt()] = data.get("state").asString();
        }
        assertThat(java.util.Arrays.asList(ordered).subList(1, 7)).containsExactly("INSTRUCTED", "COMPLIANCE_CHECKING",
                "COMPLIANCE_CLEARED", "AWAITING_DEPOSITS", "EXECUTING_SWAP", "FINALIZED");
    }

    @Test
    void tamperedBodyOrStaleTimestampFailsVerification() {
        WebhookReceiver receiver = receiver();
        Endpoint endpoint = endpoint(receiver.url(), List.of("*"));
        publish("test.ping", Map.of("n", 1));
        WebhookReceiver.Received request = Polling.until(receiver::received, r -> !r.isEmpty(), Duration.ofSeconds(10),
                "a delivery").getFirst();

        byte[] tampered = request.bodyText().replace("1", "2").getBytes();
        assertThat(StandardWebhooksVerifier.verify(endpoint.secret(), request.header("webhook-id"),
                request.header("webhook-timestamp"), request.header("webhook-signature"), tampered, Instant.now()))
                .isFalse();
        assertThat(StandardWebhooksVerifier.verify(endpoint.secret(), request.header("webhook-id"),
                request.header("webhook-timestamp"), request.header("webhook-signature"), request.body(),
                Instant.now().plus(Duration.ofMinutes(10)))).isFalse();
    }

    @Test
    void serverErrorIsRetriedOnTheScheduleUntilItSucceeds() {
        WebhookReceiver receiver = receiver();
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(r -> calls.incrementAndGet() == 1 ? Answer.status(500) : Answer.ok());
        Endpoint endpoint = endpoint(receiver.url(), List.of("*"));

        String event = publish("test.ping", Map.of("retry", true));
        awaitStatus(endpoint, event, "succeeded");

        List<Map<String, Object>> log = attempts(endpoint, event);
        assertThat(log).hasSize(2);
        assertThat(log.get(0).get("status_code")).isEqualTo(500);
        assertThat((String) log.get(0).get("response_excerpt")).contains("\"status\":500");
        assertThat(log.get(1).get("status_code")).isEqualTo(200);
        long gapMillis = java.time.Duration.between(((java.sql.Timestamp) log.get(0).get("started_at")).toInstant(),
                ((java.sql.Timestamp) log.get(1).get("started_at")).toInstant()).toMillis();
        assertThat(gapMillis).as("second attempt about 5 s later").isBetween(4_000L, 9_000L);
        assertThat(receiver.received().get(0).header("webhook-id"))
                .isEqualTo(receiver.received().get(1).header("webhook-id"));
    }

    @Test
    void retryAfterIsHonoured() {
        WebhookReceiver receiver = receiver();
        receiver.answer(r -> new Answer(503, Map.of("Retry-After", "120"), 0));
        Endpoint endpoint = endpoint(receiver.url(), List.of("*"));

        String event = publish("test.ping", Map.of());
        Map<String, Object> delivery = Polling.until(() -> delivery(endpoint, event),
                d -> d.get("last_status_code") != null, Duration.ofSeconds(10), "first attempt");

        Instant next = ((java.sql.Timestamp) delivery.get("next_attempt_at")).toInstant();
        Instant last = ((java.sql.Timestamp) delivery.get("last_attempt_at")).toInstant();
        assertThat(Duration.between(last, next).toSeconds()).isBetween(118L, 125L);
        assertThat(delivery.get("status")).isEqualTo("pending");
    }

    @Test
    void timeoutsRefusedConnectionsAndRedirectsAreFailuresWithReasons() {
        WebhookReceiver slow = receiver();
        slow.answer(r -> new Answer(200, Map.of(), 3_000));
        WebhookReceiver redirecting = receiver();
        redirecting.answer(r -> new Answer(302, Map.of("Location", "http://127.0.0.1:1/elsewhere"), 0));
        Endpoint timingOut = endpoint(slow.url(), List.of("*"));
        Endpoint refused = endpoint("http://127.0.0.1:1/hooks", List.of("*"));
        Endpoint redirect = endpoint(redirecting.url(), List.of("*"));

        String event = publish("test.ping", Map.of());

        for (Endpoint endpoint : List.of(timingOut, refused, redirect)) {
            Polling.until(() -> attempts(endpoint, event), a -> !a.isEmpty(), Duration.ofSeconds(15),
                    "an attempt at " + endpoint.url());
        }
        assertThat((String) attempts(timingOut, event).getFirst().get("error")).contains("timed out");
        assertThat((String) attempts(refused, event).getFirst().get("error")).contains("connection refused");
        assertThat(attempts(redirect, event).getFirst().get("status_code")).isEqualTo(302);
        assertThat(delivery(redirect, event).get("status")).isEqualTo("pending");
    }

    @Test
    void goneDisablesTheEndpointAndTellsThePlatformsOtherEndpoints() {
        WebhookReceiver gone = receiver();
        gone.answer(r -> Answer.status(410));
        WebhookReceiver other = receiver();
        Endpoint disabled = endpoint(gone.url(), List.of("test.ping"));
        endpoint(other.url(), List.of("webhook.endpoint.disabled"));

        String event = publish("test.ping", Map.of());
        awaitStatus(disabled, event, "failed");

        Endpoint after = endpoints.find(disabled.id()).orElseThrow();
        assertThat(after.isActive()).isFalse();
        assertThat(after.disabledReason()).contains("410");
        WebhookReceiver.Received notice = Polling.until(other::received, r -> !r.isEmpty(), Duration.ofSeconds(10),
                "the disabled notice").getFirst();
        assertThat(notice.bodyText()).contains("webhook.endpoint.disabled").contains(disabled.id().toString());
    }

    @Test
    void endpointFailingForFiveDaysIsDisabled() {
        WebhookReceiver failing = receiver();
        failing.answer(r -> Answer.status(500));
        Endpoint endpoint = endpoint(failing.url(), List.of("*"));
        jdbc.sql("update webhook_endpoints set failing_since = now() - interval '6 days' where id = :id")
                .param("id", endpoint.id()).update();

        publish("test.ping", Map.of());

        Polling.until(() -> endpoints.find(endpoint.id()).orElseThrow().isActive(), active -> !active,
                Duration.ofSeconds(10), "the endpoint to be disabled");
        assertThat(endpoints.find(endpoint.id()).orElseThrow().disabledReason()).contains("5 days");
    }

    @Test
    void aSlowEndpointDoesNotDelayTheOthers() {
        WebhookReceiver slow = receiver();
        slow.answer(r -> new Answer(200, Map.of(), 1_500));
        WebhookReceiver fast = receiver();
        Endpoint slowEndpoint = endpoint(slow.url(), List.of("*"));
        endpoint(fast.url(), List.of("*"));

        Instant start = Instant.now();
        for (int i = 0; i < 40; i++) {
            publish("test.ping", Map.of("i", i));
        }

        Polling.until(fast::received, r -> r.size() == 40, Duration.ofSeconds(10), "all 40 at the fast endpoint");
        Duration fastTook = Duration.between(start, Instant.now());
        assertThat(fastTook).isLessThan(Duration.ofMillis(4_500));
        long slowDone = jdbc.sql("select count(*) from webhook_deliveries where endpoint_id = :e and status = 'succeeded'")
                .param("e", slowEndpoint.id()).query(Long.class).single();
        assertThat(slowDone).as("the slow endpoint's deliveries are still in flight").isLessThan(40);
    }

    @Test
    void duringRotationBothSecretsSignUntilTheGraceEnds() {
        WebhookReceiver receiver = receiver();
        Endpoint endpoint = endpoint(receiver.url(), List.of("*"));
        String newSecret = WebhookSigner.newSecret();
        endpoints.rotate(endpoint.id(), newSecret, Instant.now().plus(Duration.ofHours(24)));

        publish("test.ping", Map.of());
        WebhookReceiver.Received request = Polling.until(receiver::received, r -> !r.isEmpty(), Duration.ofSeconds(10),
                "a delivery").getFirst();

        assertThat(request.header("X-Keystone-Signature"))
                .isEqualTo(StandardWebhooksVerifier.hexHmac(newSecret, request.body()));
        assertThat(request.header("X-Keystone-Signature-Previous"))
                .isEqualTo(StandardWebhooksVerifier.hexHmac(endpoint.secret(), request.body()));
        for (String secret : List.of(newSecret, endpoint.secret())) {
            assertThat(StandardWebhooksVerifier.verify(secret, request.header("webhook-id"),
                    request.header("webhook-timestamp"), request.header("webhook-signature"), request.body(),
                    Instant.now())).isTrue();
        }

        jdbc.sql("update webhook_endpoints set previous_secret_valid_until = now() - interval '1 second' where id = :id")
                .param("id", endpoint.id()).update();
        publish("test.ping", Map.of("after", "grace"));
        WebhookReceiver.Received later = Polling.until(receiver::received, r -> r.size() == 2, Duration.ofSeconds(10),
                "a second delivery").get(1);
        assertThat(later.header("X-Keystone-Signature-Previous")).isNull();
        assertThat(later.header("webhook-signature")).doesNotContain(" ");
    }

    @Test
    void onlySubscribedEventsAreDelivered() {
        WebhookReceiver receiver = receiver();
        Endpoint endpoint = endpoint(receiver.url(), List.of("settlement.compliance.*", "instruction.matched"));

        String ping = publish("test.ping", Map.of());
        String matched = publish("instruction.matched", Map.of());
        String flagged = publish("settlement.compliance.flagged", Map.of());

        awaitStatus(endpoint, matched, "succeeded");
        awaitStatus(endpoint, flagged, "succeeded");
        assertThat(jdbc.sql("select count(*) from webhook_deliveries where endpoint_id = :e and event_id = :ev")
                .param("e", endpoint.id()).param("ev", ping).query(Long.class).single()).isZero();
    }
}
