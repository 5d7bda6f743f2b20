package xyz.keystoneos.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static xyz.keystoneos.sdk.Fixtures.SETTLEMENT_ID;
import static xyz.keystoneos.sdk.Fixtures.SETTLEMENT_JSON;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import xyz.keystoneos.sdk.StubServer.Recorded;
import xyz.keystoneos.sdk.StubServer.Reply;
import xyz.keystoneos.sdk.model.Direction;
import xyz.keystoneos.sdk.model.InstructionLeg;
import xyz.keystoneos.sdk.model.InstructionParty;
import xyz.keystoneos.sdk.model.SettlementState;
import xyz.keystoneos.sdk.model.SubmitInstructionRequest;
import xyz.keystoneos.sdk.model.UpdateWebhookRequest;

class ClientRetriesTest {

    private static final String SETTLEMENT_PATH = "/v1/settlements/" + SETTLEMENT_ID;
    private static final String INSTRUCTION_JSON = "{\"id\":\"i1\",\"status\":\"pending_match\","
            + "\"trade_reference\":\"KS-1\"}";

    @RegisterExtension
    final StubServer server = StubServer.start();

    private static SubmitInstructionRequest instruction(String key) {
        return SubmitInstructionRequest.builder().idempotencyKey(key).templateSlug("cross_platform_dvp")
                .role("seller")
                .party(InstructionParty.of("SELLER-001", "Fund A", "0x1234567890abcdef1234567890abcdef12345678",
                        11155111))
                .leg(InstructionLeg.of("BOND-2026-A", "1000000", Direction.DELIVER))
                .timeoutAt(Instant.parse("2030-04-01T00:00:00Z")).build();
    }

    @Test
    void getIsRetriedOnRetryableStatusesUntilItSucceeds() {
        server.on("GET", SETTLEMENT_PATH, Reply.problem(503, "concurrent_update", "busy"),
                Reply.problem(502, "bad_gateway", "proxy"), Reply.problem(500, "internal_error", "oops"),
                Reply.json(200, SETTLEMENT_JSON));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThat(client.settlements().get(SETTLEMENT_ID).state()).isEqualTo(SettlementState.AWAITING_DEPOSITS);
        }
        assertThat(server.apiRequests()).hasSize(4);
    }

    @Test
    void lastRetryableFailureBecomesRetryExhaustedWithAttemptsStatusAndCause() {
        server.on("GET", SETTLEMENT_PATH, Reply.problem(504, "gateway_timeout", "slow"));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                    .isInstanceOfSatisfying(RetryExhaustedException.class, e -> {
                        assertThat(e.attempts()).isEqualTo(4);
                        assertThat(e.lastStatus()).isEqualTo(504);
                        assertThat(e.getCause()).isInstanceOfSatisfying(ServerException.class,
                                cause -> assertThat(cause.code()).isEqualTo("gateway_timeout"));
                    });
        }
        assertThat(server.apiRequests()).hasSize(4);
    }

    @Test
    void retryAfterFromTheServerIsWaitedEvenWhenLongerThanTheBackoff() {
        server.on("GET", SETTLEMENT_PATH, Reply.problem(429, "rate_limited", "slow down").withHeader("Retry-After", "1"),
                Reply.json(200, SETTLEMENT_JSON));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            client.settlements().get(SETTLEMENT_ID);
        }
        List<Recorded> calls = server.apiRequests();
        assertThat(calls).hasSize(2);
        assertThat(Duration.ofNanos(calls.get(1).nanos() - calls.get(0).nanos())).isGreaterThan(Duration.ofMillis(900));
    }

    @Test
    void backoffGrowsExponentiallyBetweenAttempts() {
        server.on("GET", SETTLEMENT_PATH, Reply.problem(503, "busy", "busy"));
        RetryConfig retry = RetryConfig.builder().maxRetries(3).baseDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofSeconds(5)).random(Fixtures.fullJitter()).build();
        try (KeystoneSyncClient client = Fixtures.builder(server).retry(retry).buildSync()) {
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                    .isInstanceOf(RetryExhaustedException.class);
        }
        List<Recorded> calls = server.apiRequests();
        assertThat(calls).hasSize(4);
        assertThat(gap(calls, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(95));
        assertThat(gap(calls, 2)).isGreaterThanOrEqualTo(Duration.ofMillis(195));
        assertThat(gap(calls, 3)).isGreaterThanOrEqualTo(Duration.ofMillis(395));
    }

    private static Duration gap(List<Recorded> calls, int index) {
        return Duration.ofNanos(calls.get(index).nanos() - calls.get(index - 1).nanos());
    }

    @Test
    void postWithoutIdempotencyKeyIsNotRetried() {
        server.on("POST", "/v1/sandbox/faucet", Reply.problem(503, "concurrent_update", "busy"));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThatThrownBy(() -> client.sandbox().faucet("0x11", "TUSDC", new BigDecimal("5")))
                    .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        }
        assertThat(server.apiRequests()).hasSize(1);
    }

    @Test
    void patchIsNotRetried() {
        server.on("PATCH", "/v1/platforms/me/webhooks/w1", Reply.problem(500, "internal_error", "oops"));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThatThrownBy(() -> client.webhooks().update("w1", UpdateWebhookRequest.builder().isActive(false)
                    .build())).isInstanceOf(ServerException.class);
        }
        assertThat(server.apiRequests()).hasSize(1);
    }

    @Test
    void postWithIdempotencyKeyIsRetriedWithTheSameKeyInHeaderAndBody() {
        server.on("POST", "/v1/instructions", Reply.problem(503, "busy", "busy"), Reply.json(201, INSTRUCTION_JSON));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThat(client.instructions().submit(instruction("key-1")).tradeReference()).isEqualTo("KS-1");
        }
        List<Recorded> calls = server.apiRequests();
        assertThat(calls).hasSize(2);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.header("Idempotency-Key")).isEqualTo("key-1");
            assertThat(call.body()).contains("\"idempotency_key\":\"key-1\"");
        });
    }

    @Test
    void submitWithoutKeyGetsOneGeneratedKeyReusedAcrossRetries() {
        server.on("POST", "/v1/instructions", Reply.problem(502, "bad_gateway", "proxy"),
                Reply.json(201, INSTRUCTION_JSON));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            client.instructions().submit(instruction(null));
        }
        List<Recorded> calls = server.apiRequests();
        assertThat(calls).hasSize(2);
        String key = calls.get(0).header("Idempotency-Key");
        assertThat(key).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(calls.get(1).header("Idempotency-Key")).isEqualTo(key);
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.on("GET", SETTLEMENT_PATH, Reply.problem(404, "settlement_not_found", "no such settlement"));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID)).isInstanceOf(NotFoundException.class);
        }
        assertThat(server.apiRequests()).hasSize(1);
    }

    @Test
    void connectionErrorsAreRetriedThenReportedAsRetryExhaustedWithoutStatus() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (KeystoneSyncClient client = Fixtures.builder(server).baseUrl("http://127.0.0.1:" + deadPort)
                .buildSync()) {
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                    .isInstanceOfSatisfying(RetryExhaustedException.class, e -> {
                        assertThat(e.attempts()).isEqualTo(4);
                        assertThat(e.lastStatus()).isNull();
                        assertThat(e.getCause()).isInstanceOf(ApiConnectionException.class)
                                .hasCauseInstanceOf(IOException.class);
                    });
        }
    }

    @Test
    void withoutRetriesAConnectionErrorIsAnApiConnectionException() throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        try (KeystoneSyncClient client = Fixtures.builder(server).baseUrl("http://127.0.0.1:" + deadPort)
                .retry(RetryConfig.none()).buildSync()) {
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                    .isInstanceOf(ApiConnectionException.class);
        }
    }

    @Test
    void requestTimeoutIsAConnectionError() {
        server.on("GET", SETTLEMENT_PATH, Reply.json(200, SETTLEMENT_JSON).after(Duration.ofSeconds(2)));
        try (KeystoneSyncClient client = Fixtures.builder(server).timeout(Duration.ofMillis(300))
                .retry(RetryConfig.none()).buildSync()) {
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                    .isInstanceOf(ApiConnectionException.class)
                    .hasCauseInstanceOf(java.net.http.HttpTimeoutException.class);
        }
    }

    @Test
    void asyncFailuresCarryTheUnwrappedException() {
        server.on("GET", SETTLEMENT_PATH, Reply.problem(404, "settlement_not_found", "no such settlement"));
        try (KeystoneClient client = Fixtures.client(server)) {
            Throwable seen = client.settlements().get(SETTLEMENT_ID).handle((value, failure) -> failure).join();
            assertThat(seen).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void closingTheClientFailsPendingRetriesAndLaterCalls() {
        server.on("GET", SETTLEMENT_PATH, Reply.problem(503, "busy", "busy").withHeader("Retry-After", "30"));
        KeystoneClient client = Fixtures.client(server);
        var pending = client.settlements().get(SETTLEMENT_ID);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.apiRequests().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        client.close();
        assertThatThrownBy(pending::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID).join())
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}
