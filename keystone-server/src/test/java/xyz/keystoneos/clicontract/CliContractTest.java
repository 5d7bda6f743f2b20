package xyz.keystoneos.clicontract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xyz.keystoneos.cli.CliContext;
import xyz.keystoneos.cli.KeystoneCli;
import xyz.keystoneos.cli.KeystoneCommand;
import xyz.keystoneos.sdk.KeystoneClient;
import xyz.keystoneos.sdk.KeystoneSyncClient;
import xyz.keystoneos.sdk.Webhooks;
import xyz.keystoneos.sdk.model.Direction;
import xyz.keystoneos.sdk.model.Instruction;
import xyz.keystoneos.sdk.model.InstructionLeg;
import xyz.keystoneos.sdk.model.InstructionParty;
import xyz.keystoneos.sdk.model.LegType;
import xyz.keystoneos.sdk.model.SettlementState;
import xyz.keystoneos.sdk.model.SubmitInstructionRequest;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/**
 * The {@code keystone} CLI against the real server, run in-process (picocli {@code CommandLine.execute} with
 * captured output and a temporary config directory): login, instructions, a DvP watched live to FINALIZED while
 * the counterparty (through the SDK) matches and both sides deposit, the client-side hash chain check, and
 * {@code listen} forwarding a real event to a local receiver that verifies it with the SDK.
 */
class CliContractTest extends IntegrationTest {

    private static final long CHAIN = 11_155_111L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private TestPlatform acme;
    private TestPlatform beta;
    private KeystoneSyncClient seller;
    private KeystoneSyncClient buyer;
    private String sellerWallet;
    private String buyerWallet;
    private HttpServer receiver;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> verificationErrors = Collections.synchronizedList(new ArrayList<>());
    private volatile String webhookSecret;

    /** One captured run. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Run cli(String stdin, ByteArrayOutputStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(Map.of("KEYSTONE_CONFIG_DIR", home.resolve("config").toString()), home,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, null, Clock.systemUTC());
        try (KeystoneCommand root = new KeystoneCommand(context)) {
            int code = KeystoneCli.commandLine(root).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    private Run cli(String... args) {
        return cli("", new ByteArrayOutputStream(), args);
    }

    private static JsonNode json(Run run) throws Exception {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return JSON.readTree(run.out());
    }

    private static String wallet() {
        byte[] bytes = new byte[20];
        String wallet;
        do {
            new SecureRandom().nextBytes(bytes);
            wallet = "0x" + HexFormat.of().formatHex(bytes);
        } while (wallet.endsWith("dead"));
        return wallet;
    }

    private KeystoneSyncClient sdk(TestPlatform platform) {
        String url = "http://localhost:" + port;
        return KeystoneClient.builder().clientId(platform.clientId()).clientSecret(platform.clientSecret())
                .baseUrl(url).authDomain(url).timeout(Duration.ofSeconds(20)).buildSync();
    }

    @BeforeEach
    void setUp() throws Exception {
        acme = newPlatform();
        beta = newPlatform();
        seller = sdk(acme);
        buyer = sdk(beta);
        sellerWallet = wallet();
        buyerWallet = wallet();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/webhooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            try {
                Webhooks.verify(body, headers, webhookSecret);
                received.add(new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            } catch (RuntimeException e) {
                verificationErrors.add(e.getMessage());
                exchange.sendResponseHeaders(400, -1);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        seller.close();
        buyer.close();
        receiver.stop(0);
    }

    private Run login(TestPlatform platform) {
        return cli(platform.clientSecret() + "\n", new ByteArrayOutputStream(), "login", "--base-url",
                "http://localhost:" + port, "--client-id", platform.clientId(), "--client-secret-stdin");
    }

    @Test
    void loginStoresVerifiedCredentialsPrivately() throws Exception {
        Run wrong = cli("kss_wrong\n", new ByteArrayOutputStream(), "login", "--base-url", "http://localhost:" + port,
                "--client-id", acme.clientId(), "--client-secret-stdin");
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.err()).contains("401");

        Run login = login(acme);
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.out()).contains("Logged in as " + acme.clientId(), "sandbox", "settlements:write");
        Path file = home.resolve("config").resolve("credentials");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");

        JsonNode whoami = json(cli("whoami", "--json"));
        assertThat(whoami.path("client_id").asText()).isEqualTo(acme.clientId());
        assertThat(whoami.path("environment_id").asText()).isEqualTo(acme.environmentId().toString());

        assertThat(cli("logout").out()).contains("Logged out");
        assertThat(cli("instructions", "list").exitCode()).isEqualTo(1);
    }

    @Test
    void instructionsAreSubmittedListedShownAndCancelled() throws Exception {
        assertThat(login(acme).exitCode()).isZero();
        JsonNode submitted = json(cli("instructions", "submit", "--template", "dvp-standard", "--role", "seller",
                "--party-ref", "SELLER-1", "--party-name", "Acme Fund A", "--wallet", sellerWallet, "--chain-id",
                Long.toString(CHAIN), "--leg", "deliver:BOND-2026-A:1000", "--leg", "receive:TUSDC:99000.50:payment",
                "--timeout", "2h", "--json"));
        String id = submitted.path("id").asText();
        assertThat(submitted.path("status").asText()).isEqualTo("pending_match");
        assertThat(submitted.path("trade_reference").asText()).startsWith("KS-");
        assertThat(new BigDecimal(submitted.path("legs").get(1).path("quantity").asText()))
                .isEqualByComparingTo("99000.50");

        Run list = cli("instructions", "list", "--status", "pending_match");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains(id, "pending_match", submitted.path("trade_reference").asText(),
                "Showing 1-1 of 1");

        Run get = cli("instructions", "get", id);
        assertThat(get.out()).contains("Instruction " + id, "deliver 1000 BOND-2026-A", "Waiting for the counterparty");

        Run cancel = cli("instructions", "cancel", id);
        assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
        assertThat(cancel.out()).contains("Cancelled instruction " + id, "cancelled");
        Run again = cli("instructions", "cancel", id);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("409");
        assertThat(cli("instructions", "get", "00000000-0000-4000-8000-000000000000").exitCode()).isEqualTo(1);
    }

    @Test
    void aDvpIsWatchedToFinalizedItsChainVerifiesAndListenForwardsTheRealEvent() throws Exception {
        seller.sandbox().faucet(sellerWallet, "BOND-2026-A", new BigDecimal("1000"), CHAIN);
        buyer.sandbox().faucet(buyerWallet, "TUSDC", new BigDecimal("100000"), CHAIN);
        assertThat(login(acme).exitCode()).isZero();

        // listen first: it starts at the end of the feed, so it forwards only what happens from now on
        webhookSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8,
                9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24});
        ByteArrayOutputStream listenOut = new ByteArrayOutputStream();
        CompletableFuture<Run> listen = CompletableFuture.supplyAsync(() -> cli("", listenOut, "listen",
                "--forward-to", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks",
                "--events", "settlement.state.finalized", "--secret", webhookSecret, "--interval", "200ms",
                "--max-events", "1", "--timeout", "60s"));
        xyz.keystoneos.support.Polling.until(() -> listenOut.toString(StandardCharsets.UTF_8),
                text -> text.contains("Ready!"), Duration.ofSeconds(20), "listen to be ready");

        JsonNode sell = json(cli("instructions", "submit", "--template", "cross_platform_dvp", "--role", "seller",
                "--party-ref", "SELLER-1", "--party-name", "Acme Fund A", "--wallet", sellerWallet, "--chain-id",
                Long.toString(CHAIN), "--leg", "deliver:BOND-2026-A:1000", "--leg", "receive:TUSDC:99000.50:payment",
                "--json"));
        Instruction buy = buyer.instructions().submit(SubmitInstructionRequest.builder()
                .templateSlug("cross_platform_dvp").role("buyer").tradeReference(sell.path("trade_reference").asText())
                .party(InstructionParty.of("BUYER-1", "Beta Treasury", buyerWallet, CHAIN))
                .leg(InstructionLeg.of("BOND-2026-A", "1000", Direction.RECEIVE))
                .leg(InstructionLeg.builder().legType(LegType.PAYMENT).instrumentId("TUSDC").quantity("99000.50")
                        .direction(Direction.DELIVER).build())
                .timeoutAt(java.time.Instant.now().plus(Duration.ofHours(2))).build());
        String id = buy.settlementId();
        assertThat(id).isNotBlank();
        assertThat(cli("instructions", "get", sell.path("id").asText()).out()).contains("matched", id);

        ByteArrayOutputStream watchOut = new ByteArrayOutputStream();
        CompletableFuture<Run> watch = CompletableFuture.supplyAsync(() -> cli("", watchOut, "settlements", "watch",
                id, "--interval", "200ms", "--timeout", "60s"));

        seller.settlements().awaitState(id, SettlementState.AWAITING_DEPOSITS, Duration.ofSeconds(30),
                Duration.ofMillis(100));
        Run awaiting = cli("settlements", "get", id);
        assertThat(awaiting.out()).contains("AWAITING_DEPOSITS", "Acme Fund A", "Beta Treasury", "BOND-2026-A",
                "Timeline");
        seller.sandbox().depositOwnLegs(seller.settlements().get(id));
        buyer.sandbox().depositOwnLegs(buyer.settlements().get(id));

        Run watched = watch.get(60, TimeUnit.SECONDS);
        assertThat(watched.exitCode()).as(watched.toString()).isZero();
        List<String> timeline = watched.out().lines().filter(l -> l.startsWith("  ")).toList();
        assertThat(timeline).hasSize(6);
        assertThat(timeline.get(0)).contains("#1", "INSTRUCTED");
        assertThat(timeline.get(3)).contains("#4", "COMPLIANCE_CLEARED → AWAITING_DEPOSITS");
        assertThat(timeline.get(5)).startsWith("  ✔ #6").contains("EXECUTING_SWAP → FINALIZED");
        assertThat(watched.out()).contains("✔ Settlement reached FINALIZED").doesNotContain("\u001b[");

        Run listed = cli("settlements", "list", "--state", "FINALIZED");
        assertThat(listed.out()).contains(id, "FINALIZED", "cross_platform");

        Run verify = cli("events", "verify", id);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.out()).contains("6 events", "Client-side recomputation: intact",
                "Server check (GET /v1/settlements/{id}/evidence): intact", "✔ Hash chain verified")
                .doesNotContain("disagree");
        JsonNode verifyJson = json(cli("events", "verify", id, "--json"));
        assertThat(verifyJson.path("local").path("head_hash").asText())
                .isEqualTo(verifyJson.path("server").path("head_hash").asText());
        // the counterparty sees the same chain
        assertThat(login(beta).exitCode()).isZero();
        assertThat(cli("events", "verify", id, "--local-only").exitCode()).isZero();

        Run listened = listen.get(60, TimeUnit.SECONDS);
        assertThat(listened.exitCode()).as(listened.toString()).isZero();
        assertThat(verificationErrors).isEmpty();
        assertThat(received).singleElement().satisfies(body -> {
            JsonNode event = JSON.readTree(body);
            assertThat(event.path("event").asText()).isEqualTo("settlement.state.finalized");
            assertThat(event.path("data").path("settlement_id").asText()).isEqualTo(id);
        });
        assertThat(listened.out()).contains("Your webhook signing secret is " + webhookSecret,
                "--> settlement.state.finalized", "settlement " + id + " FINALIZED", "<-- [204] POST");
    }
}
