package xyz.keystoneos.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static xyz.keystoneos.sdk.Fixtures.SETTLEMENT_ID;
import static xyz.keystoneos.sdk.Fixtures.SETTLEMENT_JSON;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import xyz.keystoneos.sdk.StubServer.Reply;
import xyz.keystoneos.sdk.model.Settlement;

class TokenManagementTest {

    private static final String SETTLEMENT_PATH = "/v1/settlements/" + SETTLEMENT_ID;

    @RegisterExtension
    final StubServer server = StubServer.start();

    @BeforeEach
    void route() {
        server.on("GET", SETTLEMENT_PATH, Reply.json(200, SETTLEMENT_JSON));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void tokenIsFetchedWithClientCredentialsOnceAndReused() {
        try (KeystoneSyncClient client = Fixtures.builder(server).audience("https://api.example").buildSync()) {
            client.settlements().get(SETTLEMENT_ID);
            client.settlements().get(SETTLEMENT_ID);
            client.settlements().get(SETTLEMENT_ID);
        }
        assertThat(server.tokenRequests()).singleElement().satisfies(token -> {
            assertThat(token.method()).isEqualTo("POST");
            assertThat(token.header("Content-Type")).isEqualTo("application/json");
            assertThat(token.body()).isEqualTo("{\"grant_type\":\"client_credentials\",\"client_id\":\"ksc_test\","
                    + "\"client_secret\":\"kss_secret\",\"audience\":\"https://api.example\"}");
        });
        assertThat(server.apiRequests()).hasSize(3)
                .allSatisfy(call -> assertThat(call.header("Authorization")).isEqualTo("Bearer token-1"));
    }

    @Test
    void concurrentCallsShareOneTokenFetch() {
        server.tokenDelay(Duration.ofMillis(300));
        try (KeystoneClient client = Fixtures.client(server)) {
            List<CompletableFuture<Settlement>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(client.settlements().get(SETTLEMENT_ID));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        }
        assertThat(server.tokenRequests()).hasSize(1);
        assertThat(server.apiRequests()).hasSize(10)
                .allSatisfy(call -> assertThat(call.header("Authorization")).isEqualTo("Bearer token-1"));
    }

    @Test
    void tokenIsRefreshedSixtySecondsBeforeItExpires() {
        MutableClock clock = new MutableClock();
        server.tokenLifetime(3600);
        try (KeystoneSyncClient client = Fixtures.builder(server).clock(clock).buildSync()) {
            client.settlements().get(SETTLEMENT_ID);
            clock.advance(Duration.ofSeconds(3539));
            client.settlements().get(SETTLEMENT_ID);
            assertThat(server.tokenRequests()).hasSize(1);

            clock.advance(Duration.ofSeconds(2));
            client.settlements().get(SETTLEMENT_ID);
        }
        assertThat(server.tokenRequests()).hasSize(2);
        assertThat(server.apiRequests().get(2).header("Authorization")).isEqualTo("Bearer token-2");
    }

    @Test
    void a401RefreshesTheTokenOnceAndRepeatsTheCall() {
        server.on("GET", SETTLEMENT_PATH, Reply.problem(401, "token_expired", "expired"),
                Reply.json(200, SETTLEMENT_JSON));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThat(client.settlements().get(SETTLEMENT_ID).id()).isEqualTo(SETTLEMENT_ID);
        }
        assertThat(server.tokenRequests()).hasSize(2);
        assertThat(server.apiRequests()).extracting(call -> call.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void a401AfterTheRefreshIsReportedAsAuthenticationException() {
        server.on("GET", SETTLEMENT_PATH, Reply.problem(401, "client_revoked", "revoked"));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                    .isInstanceOfSatisfying(AuthenticationException.class,
                            e -> assertThat(e.code()).isEqualTo("client_revoked"));
        }
        assertThat(server.apiRequests()).hasSize(2);
        assertThat(server.tokenRequests()).hasSize(2);
    }

    @Test
    void refusedCredentialsAreAnAuthenticationExceptionAndTheApiIsNeverCalled() {
        server.on("POST", "/oauth/token", Reply.json(401, "{\"error\":\"invalid_client\","
                + "\"error_description\":\"Client authentication failed\",\"code\":\"invalid_client\","
                + "\"request_id\":\"req_tok\"}"));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("invalid_client");
                        assertThat(e.detail()).isEqualTo("Client authentication failed");
                        assertThat(e.requestId()).isEqualTo("req_tok");
                    });
        }
        assertThat(server.apiRequests()).isEmpty();
    }

    @Test
    void aWrongAudienceIsAnAuthenticationExceptionWithTheServersStatus() {
        server.on("POST", "/oauth/token", Reply.problem(403, "invalid_audience", "audience is not this API"));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.code()).isEqualTo("invalid_audience");
                    });
        }
    }

    @Test
    void aFailedTokenFetchIsNotCachedTheNextCallTriesAgain() {
        server.on("POST", "/oauth/token", Reply.problem(401, "invalid_client", "nope"),
                Reply.json(200, "{\"access_token\":\"late-token\",\"token_type\":\"Bearer\",\"expires_in\":86400}"));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                    .isInstanceOf(AuthenticationException.class);
            client.settlements().get(SETTLEMENT_ID);
        }
        assertThat(server.apiRequests()).singleElement()
                .satisfies(call -> assertThat(call.header("Authorization")).isEqualTo("Bearer late-token"));
    }

    @Test
    void aTokenEndpointThatKeepsFailingWith503IsRetriedThenAnAuthenticationException() {
        server.on("POST", "/oauth/token", Reply.problem(503, "unavailable", "down"));
        try (KeystoneSyncClient client = Fixtures.builder(server).buildSync()) {
            assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.getCause()).isInstanceOf(RetryExhaustedException.class);
                    });
        }
        assertThat(server.tokenRequests()).hasSize(4);
    }

    @Test
    void authDomainWithoutSchemeUsesHttpsAndAFullUrlIsKept() {
        try (KeystoneClient byDomain = KeystoneClient.builder().clientId("a").clientSecret("b").build();
                KeystoneClient byUrl = KeystoneClient.builder().clientId("a").clientSecret("b")
                        .authDomain("http://localhost:8080/").baseUrl("http://localhost:8080/").build()) {
            assertThat(byDomain.tokenUrl()).hasToString("https://auth.keystoneos.xyz/oauth/token");
            assertThat(byDomain.baseUrl()).hasToString("https://api.keystoneos.xyz");
            assertThat(byUrl.tokenUrl()).hasToString("http://localhost:8080/oauth/token");
            assertThat(byUrl.baseUrl()).hasToString("http://localhost:8080");
        }
    }

    @Test
    void toStringNeverShowsTheSecret() {
        try (KeystoneClient client = Fixtures.client(server)) {
            assertThat(client.toString()).contains("ksc_test").doesNotContain("kss_secret");
        }
    }
}
