package xyz.keystoneos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.sdk.model.Direction;
import xyz.keystoneos.sdk.model.LegType;
import xyz.keystoneos.sdk.model.SubmitInstructionRequest;

/** Command parsing, exit codes and output of the instruction, settlement and event commands against a stub API. */
class CommandsTest extends StubApiTest {

    private static final String INSTRUCTION = """
            {"id":"i-1","trade_reference":"KS-1","status":"%s","template_slug":"dvp-standard","role":"seller",
             "party":{"external_reference":"S-1","name":"Acme","wallet_address":"0x1111111111111111111111111111111111111111",
             "chain_id":11155111},
             "legs":[{"leg_type":"asset_delivery","instrument_id":"BOND-2026-A","quantity":"1000","direction":"deliver"},
                     {"leg_type":"payment","instrument_id":"TUSDC","quantity":"99000.50","direction":"receive"}],
             "timeout_at":"2026-11-24T10:00:00Z","expires_at":"2026-11-24T10:00:00Z","created_at":"2026-11-23T10:00:00Z"}""";

    private CliRun.Builder cli() {
        return CliRun.in(home).env("KEYSTONE_CLIENT_ID", "ksc_test").env("KEYSTONE_CLIENT_SECRET", "kss_good")
                .env("KEYSTONE_BASE_URL", api.url());
    }

    @Test
    void usageErrorsExitWith2AndHelpAndVersionWith0() {
        assertThat(cli().run("--version").out).contains("keystone-cli " + KeystoneCli.VERSION);
        CliRun help = cli().run("--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("login", "instructions", "settlements", "events", "listen", "Exit codes");
        assertThat(cli().run("instructions", "--help").out).contains("submit", "list", "get", "cancel");
        CliRun unknown = cli().run("settlements", "list", "--bogus");
        assertThat(unknown.exitCode).isEqualTo(2);
        assertThat(unknown.err).contains("Unknown option: '--bogus'");
        assertThat(cli().run("frobnicate").exitCode).isEqualTo(2);
        assertThat(cli().run("instructions", "get").exitCode).isEqualTo(2);        // missing ID
        assertThat(cli().run("settlements", "watch", "s-1", "--interval", "x").exitCode).isEqualTo(2);
        assertThat(cli().run("--color=sometimes", "whoami").exitCode).isEqualTo(2);
        assertThat(api.requests).isEmpty();
    }

    @Test
    void notLoggedInIsAFailureNamingTheProfileGivenAfterTheSubcommand() {
        CliRun run = CliRun.in(home).run("settlements", "list", "--profile", "nope");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("Not logged in (profile 'nope'", "keystone login` --profile nope");
    }

    @Test
    void submitFromOptionsSendsTheInstructionAndShowsTheTradeReference() {
        api.on("POST /v1/instructions", r -> new StubApi.Answer(201, INSTRUCTION.formatted("pending_match")));
        CliRun run = cli().run("instructions", "submit", "--template", "dvp-standard", "--role", "seller",
                "--party-ref", "S-1", "--party-name", "Acme", "--wallet", "0x1111111111111111111111111111111111111111",
                "--chain-id", "11155111", "--leg", "deliver:BOND-2026-A:1000", "--leg",
                "receive:TUSDC:99000.50:payment", "--timeout", "2h", "--idempotency-key", "key-1");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Submitted (idempotency key key-1)", "Instruction i-1", "pending_match",
                "trade reference  KS-1", "deliver 1000 BOND-2026-A; receive 99000.50 TUSDC (payment)");
        StubApi.Request sent = api.requests.stream().filter(r -> r.path().equals("/v1/instructions")).findFirst()
                .orElseThrow();
        assertThat(sent.body()).contains("\"template_slug\":\"dvp-standard\"", "\"idempotency_key\":\"key-1\"",
                "\"quantity\":\"99000.50\"", "\"leg_type\":\"payment\"", "\"direction\":\"receive\"",
                "\"wallet_address\":\"0x1111111111111111111111111111111111111111\"", "\"timeout_at\"");
    }

    @Test
    void submitReadsTheApiBodyFromAFileAndTheTradeReferenceOptionOverridesIt() throws Exception {
        Path file = home.resolve("buy.json");
        Files.writeString(file, """
                {"template_slug":"dvp-standard","role":"buyer",
                 "party":{"external_reference":"B-1","name":"Beta","wallet_address":"0x2222222222222222222222222222222222222222","chain_id":11155111},
                 "legs":[{"instrument_id":"BOND-2026-A","quantity":"1000","direction":"receive"},
                         {"leg_type":"payment","instrument_id":"TUSDC","quantity":"99000.50","direction":"deliver"}],
                 "timeout_at":"2030-01-01T00:00:00Z","fee_mode":"split"}""");
        SubmitInstructionRequest parsed = CliJson.mapper().readValue(file.toFile(), SubmitInstructionRequest.class);
        assertThat(parsed.legs()).extracting(l -> l.direction()).containsExactly(Direction.RECEIVE, Direction.DELIVER);
        assertThat(parsed.legs().get(1).legType()).isEqualTo(LegType.PAYMENT);
        assertThat(parsed.party().chainId()).isEqualTo(11155111L);

        api.on("POST /v1/instructions", r -> new StubApi.Answer(201, INSTRUCTION.formatted("matched")
                .replace("\"created_at\"", "\"settlement_id\":\"s-9\",\"created_at\"")));
        CliRun run = cli().run("instructions", "submit", "--file", file.toString(), "--trade-reference", "KS-1",
                "--json");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("\"settlement_id\" : \"s-9\"", "\"status\" : \"matched\"")
                .doesNotContain("\"terminal\"");
        String body = api.requests.stream().filter(r -> r.path().equals("/v1/instructions")).findFirst()
                .orElseThrow().body();
        assertThat(body).contains("\"trade_reference\":\"KS-1\"", "\"fee_mode\":\"split\"",
                "\"idempotency_key\":\"cli-");
    }

    @Test
    void badSubmitInputIsAUsageErrorBeforeAnyCall() throws Exception {
        assertThat(cli().run("instructions", "submit", "--template", "dvp-standard").err)
                .contains("Missing --role", "--leg");
        assertThat(cli().run("instructions", "submit", "--template", "t", "--role", "seller", "--party-ref", "S",
                "--wallet", "0x1", "--chain-id", "1", "--leg", "sideways:X:1").exitCode).isEqualTo(2);
        assertThat(cli().run("instructions", "submit", "--template", "t", "--role", "seller", "--party-ref", "S",
                "--wallet", "0x1", "--chain-id", "1", "--leg", "deliver:X:lots").exitCode).isEqualTo(2);
        Path typo = home.resolve("typo.json");
        Files.writeString(typo, "{\"template\":\"dvp-standard\"}");
        CliRun run = cli().run("instructions", "submit", "--file", typo.toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("unknown field 'template'");
        assertThat(cli().run("instructions", "submit", "--file", home.resolve("none.json").toString()).exitCode)
                .isEqualTo(2);
        assertThat(api.requests).noneMatch(r -> r.path().equals("/v1/instructions"));
    }

    @Test
    void listPrintsATableWithFiltersSentAsQueryParameters() {
        api.json("GET /v1/instructions", "{\"items\":[" + INSTRUCTION.formatted("pending_match")
                + "],\"total\":3,\"limit\":1,\"offset\":0}");
        CliRun run = cli().run("instructions", "list", "--status", "pending_match", "--limit", "1");
        assertThat(run.exitCode).as(run.toString()).isZero();
        List<String> lines = run.out.lines().toList();
        assertThat(lines.get(0)).startsWith("ID").contains("STATUS", "ROLE", "TRADE REFERENCE");
        assertThat(lines.get(1)).startsWith("i-1").contains("pending_match", "seller", "KS-1");
        assertThat(lines.get(2)).isEqualTo("Showing 1-1 of 3 (--offset 1 for more, or --all)");
        StubApi.Request sent = api.requests.stream().filter(r -> r.path().equals("/v1/instructions")).findFirst()
                .orElseThrow();
        assertThat(sent.query()).contains("status=pending_match", "limit=1");
        assertThat(cli().run("instructions", "list", "--status", "lost").exitCode).isEqualTo(2);
    }

    @Test
    void apiErrorsExitWith1AndShowCodeDetailAndRequestId() {
        api.on("POST /v1/instructions/i-1/cancel", r -> new StubApi.Answer(409, "{\"status\":409,"
                + "\"code\":\"instruction_not_pending\",\"detail\":\"the instruction is matched\","
                + "\"request_id\":\"req_42\"}"));
        CliRun cancel = cli().run("instructions", "cancel", "i-1");
        assertThat(cancel.exitCode).isEqualTo(1);
        assertThat(cancel.err).contains("API answered 409 instruction_not_pending: the instruction is matched",
                "request id: req_42");
        CliRun missing = cli().run("instructions", "get", "i-404");
        assertThat(missing.exitCode).isEqualTo(1);
        assertThat(missing.err).contains("404 not_found");
    }

    @Test
    void cancelPrintsTheCancelledInstruction() {
        api.on("POST /v1/instructions/i-1/cancel",
                r -> new StubApi.Answer(200, INSTRUCTION.formatted("cancelled")));
        CliRun run = cli().run("instructions", "cancel", "i-1");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Cancelled instruction i-1 (KS-1): cancelled");
    }

    private static String settlement(String state) {
        return """
                {"id":"s-1","template_slug":"dvp-standard","template_version":1,"settlement_type":"single_platform",
                 "state":"%s","version":4,"timeout_at":"2026-11-24T10:00:00Z","created_at":"2026-11-23T10:00:00Z",
                 "parties":[{"role":"seller","name":"Acme","wallet_address":"0x11","chain_id":1,"status":"cleared"}],
                 "legs":[{"leg_index":0,"leg_type":"asset_delivery","instrument_id":"BOND-2026-A","quantity":"1000",
                  "direction":"deliver","party_role":"seller","status":"locked",
                  "deposit":{"status":"deposited","leg_index":0}}]}""".formatted(state);
    }

    private static String events(String... states) {
        ArrayNode items = CliJson.mapper().createArrayNode();
        String from = null;
        for (int i = 0; i < states.length; i++) {
            ObjectNode event = items.addObject().put("id", "e" + i).put("settlement_id", "s-1").put("sequence", i + 1)
                    .put("from_state", from).put("to_state", states[i]).put("triggered_by", "system:engine")
                    .put("created_at", "2026-11-23T10:16:4" + i + "Z");
            event.putObject("payload");
            from = states[i];
        }
        ObjectNode answer = CliJson.mapper().createObjectNode();
        answer.set("items", items);
        answer.put("total", states.length);
        return answer.toString();
    }

    @Test
    void watchPrintsEachNewEventOnceAndExits0OnFinalized() {
        api.json("GET /v1/settlements/s-1", settlement("AWAITING_DEPOSITS"));
        AtomicInteger polls = new AtomicInteger();
        api.on("GET /v1/settlements/s-1/events", r -> new StubApi.Answer(200, polls.incrementAndGet() < 3
                ? events("INSTRUCTED", "COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED", "AWAITING_DEPOSITS")
                : events("INSTRUCTED", "COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED", "AWAITING_DEPOSITS",
                        "EXECUTING_SWAP", "FINALIZED")));

        CliRun run = cli().run("settlements", "watch", "s-1", "--interval", "20ms");

        assertThat(run.exitCode).as(run.toString()).isZero();
        List<String> lines = run.out.lines().toList();
        assertThat(lines.get(0)).startsWith("Watching settlement s-1 (dvp-standard, single_platform)");
        assertThat(lines.subList(1, 7)).extracting(l -> l.substring(0, 7))
                .containsExactly("  ● #1 ", "  ● #2 ", "  ● #3 ", "  ● #4 ", "  ● #5 ", "  ✔ #6 ");
        assertThat(lines.get(6)).contains("EXECUTING_SWAP → FINALIZED");
        assertThat(lines.get(7)).startsWith("✔ Settlement reached FINALIZED");
        assertThat(lines).hasSize(8);
        assertThat(polls.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void watchExits1WhenTheSettlementFailsOrTheTimeoutPasses() {
        api.json("GET /v1/settlements/s-1", settlement("COMPLIANCE_CHECKING"));
        api.json("GET /v1/settlements/s-1/events", events("INSTRUCTED", "COMPLIANCE_CHECKING", "ROLLED_BACK"));
        CliRun failed = cli().run("settlements", "watch", "s-1", "--interval", "20ms");
        assertThat(failed.exitCode).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out).contains("  ✖ #3 ", "✖ Settlement ended in ROLLED_BACK");

        api.json("GET /v1/settlements/s-1/events", events("INSTRUCTED", "COMPLIANCE_CHECKING"));
        CliRun slow = cli().run("settlements", "watch", "s-1", "--interval", "20ms", "--timeout", "200ms");
        assertThat(slow.exitCode).isEqualTo(1);
        assertThat(slow.err).contains("still COMPLIANCE_CHECKING after PT0.2S");
    }

    @Test
    void getShowsPartiesLegsAndTheTimeline() {
        api.json("GET /v1/settlements/s-1", settlement("AWAITING_DEPOSITS"));
        api.json("GET /v1/settlements/s-1/events", events("INSTRUCTED", "COMPLIANCE_CHECKING"));
        CliRun run = cli().run("settlements", "get", "s-1");
        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Settlement s-1  COMPLIANCE_CHECKING", "template    dvp-standard v1",
                "seller  Acme", "BOND-2026-A", "deposited", "Timeline", "  ● #2 ");
    }

    private String chainAnswer(List<TimelineEvent> events) {
        ArrayNode items = CliJson.mapper().createArrayNode();
        for (TimelineEvent e : events) {
            ObjectNode node = items.addObject().put("id", e.id()).put("settlement_id", e.settlementId())
                    .put("sequence", e.sequence()).put("from_state", e.fromState()).put("to_state", e.toState())
                    .put("triggered_by", e.triggeredBy()).put("evidence_hash", e.evidenceHash())
                    .put("content_hash", e.contentHash()).put("created_at", e.createdAt().toString());
            node.set("payload", e.payload());
        }
        return "{\"items\":" + items + ",\"total\":" + events.size() + "}";
    }

    @Test
    void verifyRecomputesTheChainAndComparesWithTheServersCheck() throws Exception {
        List<TimelineEvent> chain = EventChainVerifierTest.chain();
        String id = chain.get(0).settlementId();
        String head = chain.get(2).contentHash();
        api.json("GET /v1/settlements/" + id + "/events", chainAnswer(chain));
        api.json("GET /v1/settlements/" + id + "/evidence", "{\"settlement_id\":\"" + id + "\",\"valid\":true,"
                + "\"events\":3,\"first_broken_sequence\":null,\"head_hash\":\"" + head + "\"}");

        CliRun ok = cli().run("events", "verify", id);
        assertThat(ok.exitCode).as(ok.toString()).isZero();
        assertThat(ok.out).contains("3 events", "Client-side recomputation: intact, head " + head,
                "Server check (GET /v1/settlements/{id}/evidence): intact", "✔ Hash chain verified");

        // the API shows an edited payload while the server's stored rows still verify: both are reported
        TimelineEvent second = chain.get(1);
        chain.set(1, new TimelineEvent(second.id(), second.settlementId(), 2, second.fromState(), second.toState(),
                second.triggeredBy(), CliJson.mapper().readTree("{\"reason\":\"edited\"}"), second.evidenceHash(),
                second.contentHash(), second.createdAt()));
        api.json("GET /v1/settlements/" + id + "/events", chainAnswer(chain));
        CliRun broken = cli().run("events", "verify", id);
        assertThat(broken.exitCode).isEqualTo(1);
        assertThat(broken.out).contains("✖ #2", "first broken link #2", "The two checks disagree",
                "✖ Hash chain verification failed");

        CliRun json = cli().run("events", "verify", id, "--local-only", "--json");
        assertThat(json.exitCode).isEqualTo(1);
        assertThat(json.out).contains("\"valid\" : false", "\"first_broken_sequence\" : 2");
        assertThat(api.requests).filteredOn(r -> r.path().endsWith("/evidence")).hasSize(2);
    }
}
