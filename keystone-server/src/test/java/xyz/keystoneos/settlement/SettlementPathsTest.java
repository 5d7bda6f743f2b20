package xyz.keystoneos.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestPlatform;

/** Single-platform settlements created directly: free of payment, timeout with refund, tokenised repo. */
public class SettlementPathsTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private SettlementFlows flows;
    private TestPlatform platform;
    private String token;
    private String seller;
    private String buyer;

    @BeforeEach
    void setUp() {
        flows = new SettlementFlows(api);
        platform = newPlatform();
        token = tokenFor(platform);
        seller = wallet();
        buyer = wallet();
    }

    public static String wallet() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
    }

    public static String direct(String template, Instant timeout, String seller, String buyer, String legs, String extra) {
        return """
                {
                  "idempotency_key": "%s",
                  "template_slug": "%s",
                  "external_reference": "DIRECT-%s",
                  "timeout_at": "%s",
                  "parties": [
                    {"role": "seller", "external_reference": "S-1", "name": "Seller Fund", "wallet_address": "%s",
                     "chain_id": 11155111},
                    {"role": "buyer", "external_reference": "B-1", "name": "Buyer Fund", "wallet_address": "%s",
                     "chain_id": 11155111}
                  ],
                  "legs": %s%s
                }""".formatted(UUID.randomUUID(), template, UUID.randomUUID(), timeout, seller, buyer, legs, extra);
    }

    public static final String BOND_LEG = """
            [{"leg_type": "asset_delivery", "instrument_id": "BOND-2026-A", "quantity": "250", "direction": "deliver",
              "party_role": "seller"}]""";

    static final String DVP_LEGS = """
            [{"leg_type": "asset_delivery", "instrument_id": "BOND-2026-A", "quantity": "250", "direction": "deliver",
              "party_role": "seller"},
             {"leg_type": "payment", "instrument_id": "TUSDC", "quantity": "25000", "direction": "deliver",
              "party_role": "buyer"}]""";

    private String create(String body) {
        ApiResponse created = api.post("/v1/settlements", token, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("state")).isEqualTo("INSTRUCTED");
        assertThat(created.text("settlement_type")).isEqualTo("single_platform");
        return created.text("id");
    }

    @Test
    void freeOfPaymentDeliversTheAssetAlone() {
        flows.fund(token, seller, "BOND-2026-A", "250");
        String id = create(direct("fop-standard", Instant.now().plus(Duration.ofHours(1)), seller, buyer, BOND_LEG, ""));

        flows.awaitState(token, id, "AWAITING_DEPOSITS");
        flows.depositOwnLegs(token, id);
        flows.awaitState(token, id, "FINALIZED");

        assertThat(new BigDecimal(flows.balance(token, buyer, "BOND-2026-A"))).isEqualByComparingTo("250");
        assertThat(new BigDecimal(flows.balance(token, seller, "BOND-2026-A"))).isZero();
    }

    @Test
    void timeoutEndsTheSettlementAndRefundsDeposits() {
        flows.fund(token, seller, "BOND-2026-A", "250");
        String id = create(direct("dvp-standard", Instant.now().plus(Duration.ofSeconds(4)), seller, buyer, DVP_LEGS,
                ""));
        JsonNode awaiting = flows.awaitState(token, id, "AWAITING_DEPOSITS");
        int bondLeg = awaiting.get("legs").get(0).get("leg_index").asInt();
        String secret = awaiting.get("legs").get(0).get("deposit").get("deposit_secret").asString();
        ApiResponse deposit = api.post("/v1/sandbox/settlements/" + id + "/legs/" + bondLeg + "/deposit", token,
                "{\"deposit_secret\": \"" + secret + "\"}");
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(200);
        assertThat(new BigDecimal(flows.balance(token, seller, "BOND-2026-A"))).isZero();

        JsonNode timedOut = flows.awaitState(token, id, "TIMED_OUT");

        assertThat(new BigDecimal(flows.balance(token, seller, "BOND-2026-A"))).isEqualByComparingTo("250");
        assertThat(timedOut.get("legs")).allSatisfy(l -> assertThat(l.get("status").asString()).isEqualTo("rolled_back"));
        JsonNode events = api.get("/v1/settlements/" + id + "/events", token).body().get("items");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("from_state").asString()).isEqualTo("AWAITING_DEPOSITS");
        assertThat(last.get("triggered_by").asString()).isEqualTo("system:engine");
        assertThat(last.get("payload").get("reason").asString()).isEqualTo("timeout_at_passed");
        ApiResponse late = api.post("/v1/sandbox/settlements/" + id + "/legs/1/deposit", token,
                "{\"deposit_secret\": \"" + timedOut.get("legs").get(1).get("deposit").get("deposit_secret").asString()
                        + "\"}");
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void repoOpensMaturesAndClosesWithTheRepayment() {
        flows.fund(token, seller, "BOND-2026-A", "250");
        flows.fund(token, buyer, "TUSDC", "25000");
        flows.fund(token, seller, "TUSDC", "250");
        Instant timeout = Instant.now().plus(Duration.ofHours(1));
        String id = create(direct("repo-standard", timeout, seller, buyer, DVP_LEGS, """
                , "settlement_category": "repo_open", "maturity_at": "%s", "repayment_amount": "25250",
                "repo_rate": "0.0400\"""".formatted(timeout.plus(Duration.ofDays(7)))));
        flows.awaitState(token, id, "AWAITING_DEPOSITS");
        flows.depositOwnLegs(token, id);
        JsonNode opened = flows.awaitState(token, id, "FINALIZED");
        assertThat(opened.get("settlement_category").asString()).isEqualTo("repo_open");
        assertThat(opened.get("repo_metadata").get("repayment_amount").asString()).isEqualTo("25250");

        ClientCredentials operator = newOperatorClient();
        String operatorToken = api.token(operator.clientId(), operator.clientSecret());
        ApiResponse matured = api.post("/v1/admin/settlements/" + id + "/trigger-maturity", operatorToken, "{}");
        assertThat(matured.status()).as(matured.toString()).isEqualTo(200);
        String closingId = matured.text("closing_settlement_id");
        assertThat(api.post("/v1/admin/settlements/" + id + "/trigger-maturity", operatorToken, "{}")
                .text("closing_settlement_id")).as("idempotent").isEqualTo(closingId);

        JsonNode closing = flows.awaitState(token, closingId, "AWAITING_DEPOSITS");
        assertThat(closing.get("settlement_category").asString()).isEqualTo("repo_close");
        assertThat(closing.get("parent_settlement_id").asString()).isEqualTo(id);
        JsonNode bondBack = closing.get("legs").get(0);
        JsonNode cashBack = closing.get("legs").get(1);
        assertThat(bondBack.get("party_role").asString()).isEqualTo("buyer");
        assertThat(cashBack.get("party_role").asString()).isEqualTo("seller");
        assertThat(cashBack.get("quantity").asString()).isEqualTo("25250");

        flows.depositOwnLegs(token, closingId);
        flows.awaitState(token, closingId, "FINALIZED");
        assertThat(new BigDecimal(flows.balance(token, seller, "BOND-2026-A"))).isEqualByComparingTo("250");
        assertThat(new BigDecimal(flows.balance(token, buyer, "TUSDC"))).isEqualByComparingTo("25250");
        assertThat(new BigDecimal(flows.balance(token, seller, "TUSDC"))).isZero();
    }

    @Test
    void repoMaturityJobClosesTheRepoByItself() {
        flows.fund(token, seller, "BOND-2026-A", "250");
        flows.fund(token, buyer, "TUSDC", "25000");
        Instant timeout = Instant.now().plus(Duration.ofSeconds(8));
        String id = create(direct("repo-standard", timeout, seller, buyer, DVP_LEGS, """
                , "settlement_category": "repo_open", "maturity_at": "%s", "repayment_amount": "25100\""""
                .formatted(timeout.plus(Duration.ofSeconds(1)))));
        flows.awaitState(token, id, "AWAITING_DEPOSITS");
        flows.depositOwnLegs(token, id);
        flows.awaitState(token, id, "FINALIZED");

        String closingId = Polling.until(() -> jdbc.sql(
                        "select id::text from settlements where parent_settlement_id = :id").param("id", UUID.fromString(id))
                        .query(String.class).optional(), java.util.Optional::isPresent, Duration.ofSeconds(45),
                "the closing settlement").orElseThrow();
        assertThat(flows.settlement(token, closingId).get("settlement_category").asString()).isEqualTo("repo_close");
    }

    @Test
    void stateChangesAreAnnouncedToTheOutboxInTheSameTransaction() {
        flows.fund(token, seller, "BOND-2026-A", "250");
        String id = create(direct("fop-standard", Instant.now().plus(Duration.ofHours(1)), seller, buyer, BOND_LEG, ""));
        flows.awaitState(token, id, "AWAITING_DEPOSITS");
        flows.depositOwnLegs(token, id);
        flows.awaitState(token, id, "FINALIZED");

        var types = jdbc.sql("select event_type from webhook_outbox where settlement_id = :id order by created_at")
                .param("id", UUID.fromString(id)).query(String.class).list();
        assertThat(types).contains("settlement.state.instructed", "settlement.state.compliance_checking",
                "settlement.compliance.cleared", "settlement.state.compliance_cleared",
                "settlement.state.awaiting_deposits", "settlement.state.executing_swap", "settlement.state.finalized");
        String payload = jdbc.sql("""
                select payload::text from webhook_outbox where settlement_id = :id
                and event_type = 'settlement.state.finalized'""").param("id", UUID.fromString(id))
                .query(String.class).single();
        assertThat(payload).contains("\"previous_state\": \"EXECUTING_SWAP\"").contains("\"sequence\": 6")
                .contains("\"settlement_id\": \"" + id + "\"").startsWith("{\"id\": \"evt_");
    }
}
