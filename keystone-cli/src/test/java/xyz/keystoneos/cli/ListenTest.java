package xyz.keystoneos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.sdk.Webhooks;

/**
 * {@code keystone listen} against a stub events feed, forwarding to a JDK HttpServer receiver that verifies every
 * delivery with the SDK's {@link Webhooks#verify}.
 */
class ListenTest extends StubApiTest {

    private static final String OLD = """
            {"id":"evt_old","event":"settlement.state.instructed","created_at":"2026-11-23T10:00:00Z",
             "data":{"settlement_id":"s-0","state":"INSTRUCTED"}}""";
    private static final String MATCHED = """
            {"id":"evt_a","event":"instruction.matched","created_at":"2026-11-23T10:16:44Z",
             "data":{"instruction_id":"i-1","settlement_id":"s-1"}}""";
    private static final String FINALIZED = """
            {"id":"evt_b","event":"settlement.state.finalized","created_at":"2026-11-23T10:16:45Z",
             "data":{"settlement_id":"s-1","state":"FINALIZED","previous_state":"EXECUTING_SWAP","sequence":6}}""";

    private HttpServer receiver;
    private final List<Map<String, String>> receivedHeaders = Collections.synchronizedList(new ArrayList<>());
    private final List<byte[]> receivedBodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> verificationErrors = Collections.synchronizedList(new ArrayList<>());
    private volatile int answer = 200;
    private volatile String secret;

    @BeforeEach
    void start() throws Exception {
        api.on("GET /v1/events", r -> {
            String query = r.query() == null ? "" : r.query();
            if (!query.contains("starting_after")) {
                return new StubApi.Answer(200, "{\"items\":[" + OLD + "],\"has_more\":false,"
                        + "\"next_cursor\":\"evt_old\"}");
            }
            if (query.contains("starting_after=evt_old")) {
                return new StubApi.Answer(200, "{\"items\":[" + MATCHED + "," + FINALIZED + "],\"has_more\":false,"
                        + "\"next_cursor\":\"evt_b\"}");
            }
            return new StubApi.Answer(200, "{\"items\":[],\"has_more\":false,\"next_cursor\":null}");
        });
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            receivedHeaders.add(headers);
            receivedBodies.add(body);
            try {
                Webhooks.verify(body, headers, secret);
            } catch (RuntimeException e) {
                verificationErrors.add(e.getMessage());
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String target() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks";
    }

    private CliRun.Builder cli() {
        return CliRun.in(home).env("KEYSTONE_CLIENT_ID", "ksc_test").env("KEYSTONE_CLIENT_SECRET", "kss_good")
                .env("KEYSTONE_BASE_URL", api.url());
    }

    @Test
    void forwardsOnlyNewMatchingEventsSignedWithThePrintedSecret() {
        secret = WebhookSigner.newSecret();
        CliRun run = cli().run("listen", "--forward-to", target(), "--events", "settlement.*", "--secret", secret,
                "--interval", "50ms", "--max-events", "1");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Ready!", "development", "Your webhook signing secret is " + secret);
        assertThat(run.out).contains("--> settlement.state.finalized [evt_b]  settlement s-1 FINALIZED");
        assertThat(run.out).containsPattern("<-- \\[200\\] POST " + Pattern.quote(target()) + " \\[evt_b\\] \\d+ ms");
        assertThat(run.out).doesNotContain("evt_old").doesNotContain("evt_a");
        assertThat(receivedBodies).hasSize(1);
        assertThat(verificationErrors).isEmpty();
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(receivedHeaders.get(0));
        assertThat(headers).containsKeys("webhook-id", "webhook-timestamp", "webhook-signature",
                "X-Keystone-Signature", "X-Keystone-Event-Id", "X-Keystone-Delivery-Id", "X-Keystone-Timestamp");
        assertThat(headers.get("webhook-id")).isEqualTo("evt_b");
        assertThat(headers.get("Content-Type")).isEqualTo("application/json");
        assertThat(new String(receivedBodies.get(0), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"id\":\"evt_b\"", "\"event\":\"settlement.state.finalized\"", "\"sequence\":6");
    }

    @Test
    void aGeneratedSecretIsPrintedAndVerifies() {
        CliRun run;
        // the secret is only known from the output: verify afterwards
        secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        run = cli().run("listen", "--forward-to", target(), "--interval", "50ms", "--max-events", "2");
        assertThat(run.exitCode).as(run.toString()).isZero();
        Matcher printed = Pattern.compile("signing secret is (whsec_\\S+)").matcher(run.out);
        assertThat(printed.find()).isTrue();
        String generated = printed.group(1);
        assertThat(generated).isNotEqualTo(secret);
        assertThat(receivedBodies).hasSize(2); // both events, no pattern
        for (int i = 0; i < 2; i++) {
            Webhooks.verify(receivedBodies.get(i), receivedHeaders.get(i), generated);
        }
        assertThat(run.out).contains("--> instruction.matched [evt_a]  instruction i-1 → settlement s-1");
    }

    @Test
    void theSecretCanComeFromTheEnvironmentAndFailuresAreReportedWithTheirStatus() {
        secret = WebhookSigner.newSecret();
        answer = 500;
        CliRun run = cli().env("KEYSTONE_WEBHOOK_SECRET", secret).run("listen", "--forward-to", target(),
                "--events", "settlement.state.finalized", "--interval", "50ms", "--max-events", "1");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("signing secret is " + secret).contains("<-- [500] POST");
        assertThat(verificationErrors).isEmpty();
    }

    @Test
    void anUnreachableTargetIsReportedAndListeningGoesOn() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = cli().run("listen", "--forward-to", "http://127.0.0.1:" + closedPort + "/hooks",
                "--interval", "50ms", "--timeout", "400ms");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("<-- [ERR] POST").contains("connection refused");
        assertThat(run.out).contains("Stopped after");
    }

    @Test
    void startingAfterReplaysFromAnEvent() {
        secret = WebhookSigner.newSecret();
        CliRun run = cli().run("listen", "--forward-to", target(), "--secret", secret, "--starting-after", "evt_old",
                "--interval", "50ms", "--max-events", "2");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(receivedBodies).hasSize(2);
        // no catch-up paging: the first feed read already starts after evt_old
        assertThat(api.requests).filteredOn(r -> r.path().equals("/v1/events"))
                .allSatisfy(r -> assertThat(r.query()).contains("starting_after"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(cli().run("listen").exitCode).isEqualTo(2);
        assertThat(cli().run("listen", "--forward-to", "localhost:3000").exitCode).isEqualTo(2);
        assertThat(cli().run("listen", "--forward-to", target(), "--events", "settle*").exitCode).isEqualTo(2);
        assertThat(cli().run("listen", "--forward-to", target(), "--secret", "plain").exitCode).isEqualTo(2);
        assertThat(cli().run("listen", "--forward-to", target(), "--interval", "soon").exitCode).isEqualTo(2);
        assertThat(receivedBodies).isEmpty();
    }
}
