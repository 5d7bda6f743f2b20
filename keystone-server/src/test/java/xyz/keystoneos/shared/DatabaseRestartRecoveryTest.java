package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static xyz.keystoneos.settlement.SettlementPathsTest.BOND_LEG;
import static xyz.keystoneos.settlement.SettlementPathsTest.direct;
import static xyz.keystoneos.settlement.SettlementPathsTest.wallet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import xyz.keystoneos.KeystoneApplication;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.identity.RegisteredPlatform;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.shared.database.ChannelWakeUp;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.WebhookReceiver;
import xyz.keystoneos.support.WebhookReceiver.Answer;
import xyz.keystoneos.webhook.WebhookOutbox;

/**
 * PostgreSQL stops under a running node and comes back on the same port and data: while it is down the API answers a
 * prompt 503 problem; once it is back the same node (never restarted) serves requests, moves settlements on, delivers
 * the webhooks queued before the outage and LISTENs again.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseRestartRecoveryTest {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    private static final String BOND = "BOND-2026-A";
    private static final String PROBE_CHANNEL = "keystone_restart_probe";

    @Test
    void nodeRecoversByItselfWhenPostgresRestarts(CapturedOutput output) throws Exception {
        Path dataDirectory = Files.createTempDirectory("keystone-restart-pg");
        int postgresPort = freePort();
        EmbeddedPostgres postgres = startPostgres(dataDirectory, postgresPort);
        ChannelWakeUp probe = null;
        try (WebhookReceiver receiver = new WebhookReceiver();
                ConfigurableApplicationContext node = startNode(postgresPort)) {
            Api api = new Api(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
            JdbcClient jdbc = node.getBean(JdbcClient.class);
            ClientCredentials client = newClient(node);
            String token = api.token(client.clientId(), client.clientSecret());
            SettlementFlows flows = new SettlementFlows(api);
            String endpointId = createEndpoint(api, token, receiver.url());

            probe = new ChannelWakeUp(node.getBean(DataSource.class), PROBE_CHANNEL, Duration.ofMinutes(5));
            AtomicInteger wakeUps = startCounting(probe);
            assertThat(wakesUpOnNotify(jdbc, wakeUps)).as("LISTEN before the outage").isTrue();

            String before = createSettlement(api, flows, token);
            flows.awaitState(token, before, "AWAITING_DEPOSITS");
            Polling.until(() -> pendingDeliveries(jdbc, endpointId), n -> n == 0, Duration.ofSeconds(20),
                    "the first settlement's webhooks delivered");

            // The receiver fails the next settlement's first attempts: their retries are due while the database is down.
            receiver.answer(r -> Answer.status(503));
            String across = createSettlement(api, flows, token);
            flows.awaitState(token, across, "AWAITING_DEPOSITS");
            Polling.until(() -> failedOnceAndWaiting(jdbc, endpointId), n -> n >= 4, Duration.ofSeconds(10),
                    "the second settlement's webhooks to fail once");
            receiver.answer(r -> Answer.ok());
            long pendingAcrossTheOutage = pendingDeliveries(jdbc, endpointId);

            postgres.close();

            assertDatabaseUnavailable("GET a settlement", () -> api.get("/v1/settlements/" + before, token));
            assertDatabaseUnavailable("POST a settlement",
                    () -> api.post("/v1/settlements", token, directSettlement(wallet())));
            assertDatabaseUnavailable("POST /oauth/token", () -> api.tokenJson(Map.of("grant_type",
                    "client_credentials", "client_id", client.clientId(), "client_secret", client.clientSecret(),
                    "audience", "https://api.keystoneos.xyz")));
            assertThat(timed(() -> api.get("/actuator/health", null)).status()).isEqualTo(503);

            postgres = startPostgres(dataDirectory, postgresPort);

            // The pool re-creates its connections on its own (HikariCP retries with a backoff of up to a few
            // seconds); until then requests still answer the clean 503.
            Polling.until(() -> api.get("/v1/settlements/" + before, token), response -> {
                if (response.status() != 200) {
                    assertThat(response.code()).as(response.toString()).isEqualTo("database_unavailable");
                }
                return response.status() == 200;
            }, Duration.ofSeconds(15), "the API to answer again");
            assertThat(api.token(client.clientId(), client.clientSecret())).isNotBlank();
            flows.depositOwnLegs(token, before);
            flows.depositOwnLegs(token, across);
            flows.awaitState(token, before, "FINALIZED");
            flows.awaitState(token, across, "FINALIZED");
            String after = createSettlement(api, flows, token);
            flows.awaitState(token, after, "AWAITING_DEPOSITS");

            Polling.until(() -> pendingDeliveries(jdbc, endpointId), n -> n == 0, Duration.ofSeconds(30),
                    "every webhook delivery, including those pending across the outage");
            Set<String> queued = new HashSet<>(jdbc.sql(
                    "select event_id from webhook_deliveries where endpoint_id = :endpoint")
                    .param("endpoint", UUID.fromString(endpointId)).query(String.class).list());
            Set<String> arrivedOk = new HashSet<>();
            receiver.received().forEach(r -> arrivedOk.add(r.header("X-Keystone-Event-Id")));
            assertThat(pendingAcrossTheOutage).isGreaterThanOrEqualTo(4);
            assertThat(arrivedOk).containsAll(queued);
            assertThat(jdbc.sql("select count(*) from webhook_deliveries where endpoint_id = :endpoint"
                    + " and status = 'succeeded'").param("endpoint", UUID.fromString(endpointId))
                    .query(Long.class).single()).isEqualTo(queued.size());

            assertThat(wakesUpOnNotify(jdbc, wakeUps)).as("LISTEN after the restart").isTrue();
            Polling.until(output::getOut, out -> out.contains("Listening on keystone_engine_jobs again")
                    && out.contains("Listening on " + WebhookOutbox.CHANNEL + " again"), Duration.ofSeconds(20),
                    "the engine's and the dispatcher's listeners to reconnect");
        } finally {
            if (probe != null) {
                probe.stop();
            }
            postgres.close();
            FileSystemUtils.deleteRecursively(dataDirectory);
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDirectory, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port)
                .start();
    }

    private static ConfigurableApplicationContext startNode(int postgresPort) {
        return new SpringApplicationBuilder(KeystoneApplication.class)
                .run("--server.port=0", "--keystone.seed.demo-data=false",
                        "--keystone.database.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres",
                        "--keystone.database.username=postgres", "--keystone.database.password=",
                        "--keystone.database.connection-timeout=" + CONNECTION_TIMEOUT,
                        "--keystone.webhooks.allow-private-targets=true", "--keystone.webhooks.timeout=PT2S");
    }

    private static ClientCredentials newClient(ConfigurableApplicationContext node) {
        PlatformOnboarding onboarding = node.getBean(PlatformOnboarding.class);
        RegisteredPlatform platform = onboarding.registerPlatform("Restart",
                "restart-" + UUID.randomUUID().toString().substring(0, 6));
        return onboarding.createClient(platform.platformId(), platform.environmentId(), "restart", Scopes.PLATFORM);
    }

    private static String createEndpoint(Api api, String token, String url) {
        ApiResponse created = api.post("/v1/platforms/me/webhooks", token,
                Api.json(Map.of("url", url, "events", List.of("*"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private static String createSettlement(Api api, SettlementFlows flows, String token) {
        String seller = wallet();
        flows.fund(token, seller, BOND, "250");
        ApiResponse created = api.post("/v1/settlements", token, directSettlement(seller));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    /** A free-of-payment settlement between two fresh wallets: the seller deposits the bond, then it finalises. */
    private static String directSettlement(String seller) {
        return direct("fop-standard", Instant.now().plus(Duration.ofHours(1)), seller, wallet(), BOND_LEG, "");
    }

    /** A 503 problem+json {@code database_unavailable} with Retry-After, within the connection timeout (plus slack). */
    private static void assertDatabaseUnavailable(String what, Supplier<ApiResponse> request) {
        ApiResponse response = timed(request);
        assertThat(response.status()).as(what + ": " + response).isEqualTo(503);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).as(what).hasValue("5");
        assertThat(response.text("code")).as(what).isEqualTo("database_unavailable");
        assertThat(response.text("request_id")).as(what).startsWith("req_");
        assertThat(response.rawBody()).as(what).doesNotContain("Exception").doesNotContain("at org.");
    }

    private static ApiResponse timed(Supplier<ApiResponse> request) {
        long started = System.nanoTime();
        ApiResponse response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("answered within the connection timeout").isLessThan(CONNECTION_TIMEOUT.plusSeconds(3));
        return response;
    }

    private static long pendingDeliveries(JdbcClient jdbc, String endpointId) {
        return jdbc.sql("select count(*) from webhook_deliveries where endpoint_id = :endpoint and status = 'pending'")
                .param("endpoint", UUID.fromString(endpointId)).query(Long.class).single();
    }

    private static long failedOnceAndWaiting(JdbcClient jdbc, String endpointId) {
        return jdbc.sql("""
                select count(*) from webhook_deliveries
                where endpoint_id = :endpoint and status = 'pending' and attempts = 1 and leased_by is null""")
                .param("endpoint", UUID.fromString(endpointId)).query(Long.class).single();
    }

    private static AtomicInteger startCounting(ChannelWakeUp wakeUp) {
        AtomicInteger count = new AtomicInteger();
        wakeUp.start();
        Thread.ofVirtual().name("probe-waiter").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                wakeUp.await();
                count.incrementAndGet();
            }
        });
        return count;
    }

    /** NOTIFYs the probe channel until the waiter wakes (the probe polls every 5 min, so only a NOTIFY wakes it). */
    private static boolean wakesUpOnNotify(JdbcClient jdbc, AtomicInteger wakeUps) throws InterruptedException {
        int before = wakeUps.get();
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            jdbc.sql("select pg_notify(:channel, '')").param("channel", PROBE_CHANNEL).query(String.class).single();
            Thread.sleep(200);
            if (wakeUps.get() > before) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
