package xyz.keystoneos.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestPlatform;

/** The operators' API over HTTP: platforms, the settlement pipeline and its repairs, provider health, activity. */
class AdminApiTest extends IntegrationTest {

    static final String BOND_LEG = """
            [{"leg_type": "asset_delivery", "instrument_id": "BOND-2026-A", "quantity": "250", "direction": "deliver",
              "party_role": "seller"}]""";
    static final String DVP_LEGS = """
            [{"leg_type": "asset_delivery", "instrument_id": "BOND-2026-A", "quantity": "250", "direction": "deliver",
              "party_role": "seller"},
             {"leg_type": "payment", "instrument_id": "TUSDC", "quantity": "25000", "direction": "deliver",
              "party_role": "buyer"}]""";

    @Autowired
    JdbcClient jdbc;

    private ClientCredentials operator;
    private String operatorToken;
    private SettlementFlows flows;
    private TestPlatform platform;
    private String token;
    private String seller;
    private String buyer;

    @BeforeEach
    void setUp() {
        operator = newOperatorClient();
        operatorToken = api.token(operator.clientId(), operator.clientSecret());
        flows = new SettlementFlows(api);
        platform = newPlatform();
        token = tokenFor(platform);
        seller = wallet();
        buyer = wallet();
    }

    static String wallet() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
    }

    private String create(String template, String legs, String partyName) {
        String body = """
                {
                  "idempotency_key": "%s",
                  "template_slug": "%s",
                  "timeout_at": "%s",
                  "parties": [
                    {"role": "seller", "external_reference": "S-1", "name": "%s", "wallet_address": "%s",
                     "chain_id": 11155111},
                    {"role": "buyer", "external_reference": "B-1", "name": "Buyer Fund", "wallet_address": "%s",
                     "chain_id": 11155111}
                  ],
                  "legs": %s
                }""".formatted(UUID.randomUUID(), template, Instant.now().plus(Duration.ofHours(2)), partyName,
                seller, buyer, legs);
        ApiResponse created = api.post("/v1/settlements", token, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private String awaitingDeposits() {
        String id = create("dvp-standard", DVP_LEGS, "Seller Fund");
        flows.awaitState(token, id, "AWAITING_DEPOSITS");
        return id;
    }

    private JsonNode adminGet(String path) {
        ApiResponse response = api.get(path, operatorToken);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private List<JsonNode> events(String settlementId) {
        List<JsonNode> events = new ArrayList<>();
        api.get("/v1/settlements/" + settlementId + "/events", token).body().get("items").forEach(events::add);
        return events;
    }

    // --- access ---------------------------------------------------------------------------------------------

    @Test
    void everyAdminEndpointRequiresTheAdminScope() {
        String settlement = UUID.randomUUID().toString();
        List<ApiResponse> responses = List.of(
                api.get("/v1/admin/platforms", token),
                api.post("/v1/admin/platforms", token, "{\"name\": \"X\", \"slug\": \"x-platform\"}"),
                api.get("/v1/admin/platforms/" + platform.platformId(), token),
                api.post("/v1/admin/platforms/" + platform.platformId() + "/suspend", token, ""),
                api.get("/v1/admin/settlements/stuck", token),
                api.get("/v1/admin/settlements/pipeline", token),
                api.get("/v1/admin/settlements/transitions?period=1h", token),
                api.post("/v1/admin/settlements/" + settlement + "/retry", token, ""),
                api.post("/v1/admin/settlements/" + settlement + "/force-rollback", token, "{\"reason\": \"x\"}"),
                api.get("/v1/admin/providers/health", token),
                api.get("/v1/admin/activity", token));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("insufficient_scope");
            assertThat(response.text("required_scope")).isEqualTo("admin");
        });
        assertThat(api.get("/v1/platforms/me", token).status()).isEqualTo(200);
    }

    // --- platforms ------------------------------------------------------------------------------------------

    @Test
    void registeringAPlatformGivesItASandboxEnvironmentAndWorkingCredentials() {
        String slug = "reg-" + UUID.randomUUID().toString().substring(0, 8);

        ApiResponse created = api.post("/v1/admin/platforms", operatorToken, Api.json(java.util.Map.of(
                "name", "Gamma Markets", "slug", slug, "support_email", "ops@gamma.example",
                "support_url", "https://gamma.example/support")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.body();
        assertThat(body.get("name").asString()).isEqualTo("Gamma Markets");
        assertThat(body.get("slug").asString()).isEqualTo(slug);
        assertThat(body.get("status").asString()).isEqualTo("active");
        assertThat(body.get("support_email").asString()).isEqualTo("ops@gamma.example");
        assertThat(body.get("logo_url").isNull()).isTrue();
        assertThat(body.get("environment").get("slug").asString()).isEqualTo("development");
        assertThat(body.get("environment").get("kind").asString()).isEqualTo("sandbox");
        String platformToken = api.token(body.get("client").get("client_id").asString(),
                body.get("client").get("client_secret").asString());
        ApiResponse me = api.get("/v1/platforms/me", platformToken);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(body.get("id").asString());
        assertThat(adminGet("/v1/admin/platforms/" + body.get("id").asString()).get("slug").asString())
                .isEqualTo(slug);
        assertThat(ids(adminGet("/v1/admin/platforms?status=active&limit=200"))).contains(body.get("id").asString());

        ApiResponse again = api.post("/v1/admin/platforms", operatorToken,
                "{\"name\": \"Other\", \"slug\": \"" + slug + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("platform_slug_taken");
        ApiResponse invalid = api.post("/v1/admin/platforms", operatorToken,
                "{\"name\": \"\", \"slug\": \"Not A Slug\", \"logo_url\": \"ftp://x\", \"support_email\": \"nope\"}");
        assertThat(invalid.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        invalid.body().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("name", "slug", "logo_url", "support_email");
        assertThat(api.get("/v1/admin/platforms/" + UUID.randomUUID(), operatorToken).status()).isEqualTo(404);
        assertThat(api.get("/v1/admin/platforms?status=gone", operatorToken).status()).isEqualTo(400);
    }

    @Test
    void aSuspendedPlatformIsLockedOutUntilReinstated() {
        ApiResponse suspended = api.post("/v1/admin/platforms/" + platform.platformId() + "/suspend", operatorToken,
                "");

        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(suspended.text("status")).isEqualTo("suspended");
        ApiResponse locked = api.get("/v1/platforms/me", token);
        assertThat(locked.status()).isEqualTo(403);
        assertThat(locked.code()).isEqualTo("platform_suspended");
        assertThat(ids(adminGet("/v1/admin/platforms?status=suspended&limit=200")))
                .contains(platform.platformId().toString());

        ApiResponse reinstated = api.post("/v1/admin/platforms/" + platform.platformId() + "/reinstate",
                operatorToken, "");

        assertThat(reinstated.status()).isEqualTo(200);
        assertThat(reinstated.text("status")).isEqualTo("active");
        assertThat(api.get("/v1/platforms/me", token).status()).isEqualTo(200);
        JsonNode log = Polling.until(() -> adminGet("/v1/admin/activity?platform_id=" + platform.platformId()
                        + "&category=admin"), page -> page.get("total").asLong() == 2, Duration.ofSeconds(5),
                "the suspension and the reinstatement in the activity log");
        assertThat(log.get("items").get(0).get("type").asString()).isEqualTo("platform.reinstated");
        assertThat(log.get("items").get(1).get("type").asString()).isEqualTo("platform.suspended");
        assertThat(log.get("items").get(1).get("actor").asString()).isEqualTo("operator:" + operator.clientId());
        assertThat(log.get("items").get(1).get("resource_id").asString()).isEqualTo(platform.platformId().toString());
    }

    // --- pipeline -------------------------------------------------------------------------------------------

    @Test
    void thePipelineCountsSettlementsPerState() {
        awaitingDeposits();
        awaitingDeposits();
        String flagged = create("dvp-standard", DVP_LEGS, "FLAG Holdings");
        Polling.until(() -> flows.settlement(token, flagged), s -> s.get("parties").toString().contains(
                "\"status\":\"flagged\""), Duration.ofSeconds(20), "the seller to be flagged");

        JsonNode pipeline = adminGet("/v1/admin/settlements/pipeline?platform_id=" + platform.platformId());

        assertThat(pipeline.get("counts").get("AWAITING_DEPOSITS").asLong()).isEqualTo(2);
        assertThat(pipeline.get("counts").get("COMPLIANCE_CHECKING").asLong()).isEqualTo(1);
        assertThat(pipeline.get("total").asLong()).isEqualTo(3);
        JsonNode everything = adminGet("/v1/admin/settlements/pipeline");
        assertThat(everything.get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/v1/admin/settlements/pipeline?platform_id=42", operatorToken).status()).isEqualTo(400);
    }

    @Test
    void transitionsAreCountedPerPeriodAndOnlyKnownPeriodsAreAccepted() {
        awaitingDeposits();

        JsonNode hour = adminGet("/v1/admin/settlements/transitions?period=1h&platform_id=" + platform.platformId());

        assertThat(hour.get("period").asString()).isEqualTo("1h");
        assertThat(hour.get("counts").get("INSTRUCTED").asLong()).isEqualTo(1);
        assertThat(hour.get("counts").get("COMPLIANCE_CHECKING").asLong()).isEqualTo(1);
        assertThat(hour.get("counts").get("COMPLIANCE_CLEARED").asLong()).isEqualTo(1);
        assertThat(hour.get("counts").get("AWAITING_DEPOSITS").asLong()).isEqualTo(1);
        assertThat(hour.get("total").asLong()).isEqualTo(4);
        for (String period : List.of("24h", "7d", "30d")) {
            assertThat(adminGet("/v1/admin/settlements/transitions?period=" + period + "&platform_id="
                    + platform.platformId()).get("total").asLong()).isEqualTo(4);
        }
        for (String period : List.of("2h", "1d", "", "forever")) {
            ApiResponse refused = api.get("/v1/admin/settlements/transitions?period=" + period, operatorToken);
            assertThat(refused.status()).as(period).isEqualTo(400);
            assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("period");
        }
    }

    @Test
    void stuckSettlementsAreThoseThatStoppedMovingOrOutlivedTheirTimeout() throws InterruptedException {
        String waiting = awaitingDeposits();
        String overdue = awaitingDeposits();
        // Simulates a timeout job that never fired: timeout_at has passed, the settlement is still waiting.
        jdbc.sql("update settlements set timeout_at = now() - interval '1 minute' where id = :id")
                .param("id", UUID.fromString(overdue)).update();
        String base = "/v1/admin/settlements/stuck?platform_id=" + platform.platformId();

        JsonNode byDefault = adminGet(base);
        assertThat(ids(byDefault)).containsExactly(overdue);
        assertThat(byDefault.get("items").get(0).get("reason").asString()).isEqualTo("past_timeout");
        assertThat(byDefault.get("items").get(0).get("state").asString()).isEqualTo("AWAITING_DEPOSITS");

        Thread.sleep(1100);
        JsonNode recent = adminGet(base + "&older_than=1s");
        assertThat(ids(recent)).containsExactlyInAnyOrder(waiting, overdue);
        JsonNode stillWaiting = recent.get("items").get(ids(recent).indexOf(waiting));
        assertThat(stillWaiting.get("reason").asString()).isEqualTo("no_transition");
        assertThat(stillWaiting.get("stuck_for_seconds").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stillWaiting.get("jobs")).anySatisfy(job -> assertThat(job.get("kind").asString())
                .isEqualTo("timeout"));
        assertThat(recent.get("total").asLong()).isEqualTo(2);

        ApiResponse bad = api.get("/v1/admin/settlements/stuck?older_than=soon", operatorToken);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").get(0).get("field").asString()).isEqualTo("older_than");
    }

    // --- repairs --------------------------------------------------------------------------------------------

    @Test
    void retryRunsAFailingEngineJobAgainAtOnce() {
        String id = awaitingDeposits();
        // The engine may still be finishing its own job for this settlement: wait until it is done, or it would
        // complete (and delete) the row this test turns into a failing one.
        Polling.until(() -> jdbc.sql("""
                        select count(*) from engine_jobs where settlement_id = :id and kind = 'advance'""")
                        .param("id", UUID.fromString(id)).query(Long.class).single(), count -> count == 0,
                Duration.ofSeconds(10), "the engine to finish its own job");
        // Simulates an engine job that failed and is backing off for an hour.
        jdbc.sql("""
                insert into engine_jobs (settlement_id, kind, run_at, attempts, last_error)
                values (:id, 'advance', now() + interval '1 hour', 7, 'simulated failure')
                on conflict (settlement_id, kind) do update
                set run_at = excluded.run_at, attempts = 7, last_error = 'simulated failure'""")
                .param("id", UUID.fromString(id)).update();

        ApiResponse retried = api.post("/v1/admin/settlements/" + id + "/retry", operatorToken, "");

        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        assertThat(retried.body().get("settlement").get("state").asString()).isEqualTo("AWAITING_DEPOSITS");
        assertThat(retried.body().get("failing_jobs_restarted").asInt()).isEqualTo(1);
        Polling.until(() -> jdbc.sql("""
                        select count(*) from engine_jobs where settlement_id = :id and kind = 'advance'""")
                        .param("id", UUID.fromString(id)).query(Long.class).single(), count -> count == 0,
                Duration.ofSeconds(10), "the restarted job to run");
        assertThat(flows.settlement(token, id).get("state").asString()).isEqualTo("AWAITING_DEPOSITS");
        assertThat(api.post("/v1/admin/settlements/" + UUID.randomUUID() + "/retry", operatorToken, "").status())
                .isEqualTo(404);
    }

    @Test
    void forceRollbackRefundsDepositsRecordsTheEventAndNotifiesInOneStep() {
        flows.fund(token, seller, "BOND-2026-A", "250");
        String id = create("dvp-standard", DVP_LEGS, "Seller Fund");
        JsonNode awaiting = flows.awaitState(token, id, "AWAITING_DEPOSITS");
        JsonNode bond = awaiting.get("legs").get(0);
        ApiResponse deposit = api.post("/v1/sandbox/settlements/" + id + "/legs/" + bond.get("leg_index").asInt()
                + "/deposit", token, Api.json(java.util.Map.of("deposit_secret",
                bond.get("deposit").get("deposit_secret").asString())));
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(200);
        assertThat(new BigDecimal(flows.balance(token, seller, "BOND-2026-A"))).isZero();
        int eventsBefore = events(id).size();

        ApiResponse rolledBack = api.post("/v1/admin/settlements/" + id + "/force-rollback", operatorToken,
                "{\"reason\": \"Counterparty default declared\"}");

        assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(200);
        assertThat(rolledBack.body().get("changed").asBoolean()).isTrue();
        assertThat(rolledBack.body().get("settlement").get("state").asString()).isEqualTo("ROLLED_BACK");
        JsonNode settlement = flows.settlement(token, id);
        assertThat(settlement.get("state").asString()).isEqualTo("ROLLED_BACK");
        assertThat(settlement.get("legs")).allSatisfy(l -> assertThat(l.get("status").asString())
                .isEqualTo("rolled_back"));
        assertThat(new BigDecimal(flows.balance(token, seller, "BOND-2026-A"))).isEqualByComparingTo("250");
        List<JsonNode> events = events(id);
        assertThat(events).hasSize(eventsBefore + 1);
        JsonNode last = events.getLast();
        assertThat(last.get("from_state").asString()).isEqualTo("AWAITING_DEPOSITS");
        assertThat(last.get("to_state").asString()).isEqualTo("ROLLED_BACK");
        assertThat(last.get("triggered_by").asString()).isEqualTo("admin:" + operator.clientId());
        assertThat(last.get("payload").get("operator_reason").asString()).isEqualTo("Counterparty default declared");
        assertThat(api.get("/v1/settlements/" + id + "/evidence", token).body().get("valid").asBoolean()).isTrue();
        Long outbox = jdbc.sql("""
                select count(*) from webhook_outbox
                where settlement_id = :id and event_type = 'settlement.state.rolled_back' and environment_id = :env""")
                .param("id", UUID.fromString(id)).param("env", platform.environmentId()).query(Long.class).single();
        assertThat(outbox).isEqualTo(1);
    }

    @Test
    void forceRollbackIsIdempotent() {
        String id = awaitingDeposits();
        String body = "{\"reason\": \"Operator test\"}";
        ApiResponse first = api.post("/v1/admin/settlements/" + id + "/force-rollback", operatorToken, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        int events = events(id).size();

        ApiResponse second = api.post("/v1/admin/settlements/" + id + "/force-rollback", operatorToken, body);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("changed").asBoolean()).isFalse();
        assertThat(second.body().get("settlement")).isEqualTo(first.body().get("settlement"));
        assertThat(events(id)).hasSize(events);
        assertThat(jdbc.sql("""
                select count(*) from webhook_outbox where settlement_id = :id
                and event_type = 'settlement.state.rolled_back'""")
                .param("id", UUID.fromString(id)).query(Long.class).single()).isEqualTo(1);
        JsonNode log = Polling.until(() -> adminGet("/v1/admin/activity?type=settlement.force_rolled_back"
                        + "&resource_id=" + id), page -> page.get("total").asLong() >= 1, Duration.ofSeconds(5),
                "the rollback in the activity log");
        assertThat(log.get("total").asLong()).isEqualTo(1);
        assertThat(log.get("items").get(0).get("actor").asString()).isEqualTo("operator:" + operator.clientId());
        assertThat(log.get("items").get(0).get("platform_id").asString())
                .isEqualTo(platform.platformId().toString());
        assertThat(log.get("items").get(0).get("details").get("reason").asString()).isEqualTo("Operator test");
    }

    @Test
    void aFinalizedSettlementCannotBeRolledBack() {
        flows.fund(token, seller, "BOND-2026-A", "250");
        String id = create("fop-standard", BOND_LEG, "Seller Fund");
        flows.awaitState(token, id, "AWAITING_DEPOSITS");
        flows.depositOwnLegs(token, id);
        flows.awaitState(token, id, "FINALIZED");
        int events = events(id).size();

        ApiResponse refused = api.post("/v1/admin/settlements/" + id + "/force-rollback", operatorToken,
                "{\"reason\": \"Too late\"}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("settlement_finished");
        assertThat(flows.settlement(token, id).get("state").asString()).isEqualTo("FINALIZED");
        assertThat(events(id)).hasSize(events);
        assertThat(api.post("/v1/admin/settlements/" + id + "/retry", operatorToken, "").status()).isEqualTo(409);
        ApiResponse noReason = api.post("/v1/admin/settlements/" + id + "/force-rollback", operatorToken, "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
    }

    // --- overview -------------------------------------------------------------------------------------------

    @Test
    void providerHealthListsEveryComplianceProvider() {
        JsonNode health = adminGet("/v1/admin/providers/health");

        assertThat(health.get("items")).anySatisfy(provider -> {
            assertThat(provider.get("provider").asString()).isEqualTo("sanctions_list");
            assertThat(provider.get("state").asString()).isIn("closed", "open", "half_open");
            assertThat(provider.has("consecutive_failures")).isTrue();
        });
    }

    @Test
    void theAdminActivityLogSpansPlatformsAndFiltersByPlatform() {
        String mine = create("fop-standard", BOND_LEG, "Seller Fund");
        TestPlatform other = newPlatform();
        String otherToken = tokenFor(other);
        ApiResponse theirs = api.post("/v1/platforms/me/webhooks", otherToken,
                "{\"url\": \"https://hooks.example.com/admin-activity\"}");
        assertThat(theirs.status()).isEqualTo(201);
        Polling.until(() -> adminGet("/v1/admin/activity?resource_id=" + theirs.text("id")),
                page -> page.get("total").asLong() == 1, Duration.ofSeconds(5), "the other platform's entry");
        Polling.until(() -> adminGet("/v1/admin/activity?resource_id=" + mine),
                page -> page.get("total").asLong() == 1, Duration.ofSeconds(5), "this platform's entry");

        JsonNode onlyMine = adminGet("/v1/admin/activity?platform_id=" + platform.platformId());
        JsonNode onlyTheirs = adminGet("/v1/admin/activity?platform_id=" + other.platformId() + "&category=webhooks");

        assertThat(onlyMine.get("items")).allSatisfy(e -> assertThat(e.get("platform_id").asString())
                .isEqualTo(platform.platformId().toString()));
        assertThat(onlyMine.get("items")).anySatisfy(e -> assertThat(e.get("resource_id").asString()).isEqualTo(mine));
        assertThat(onlyTheirs.get("total").asLong()).isEqualTo(1);
        assertThat(onlyTheirs.get("items").get(0).get("type").asString()).isEqualTo("webhook_endpoint.created");
        ApiResponse bad = api.get("/v1/admin/activity?platform_id=nope&category=x", operatorToken);
        assertThat(bad.status()).isEqualTo(400);
    }
}
