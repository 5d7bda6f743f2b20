package xyz.keystoneos.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static xyz.keystoneos.support.SettlementFlows.BUYER_WALLET;
import static xyz.keystoneos.support.SettlementFlows.SELLER_WALLET;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestPlatform;

/**
 * The public quick start, end to end over HTTP: platform A submits the seller instruction, platform B the buyer
 * instruction with the trade reference, compliance clears, both deposit through the sandbox endpoints, the engine
 * swaps and the settlement is FINALIZED with balances moved; plus the compliance, failure and timeout paths.
 */
class QuickStartEndToEndTest extends IntegrationTest {

    private SettlementFlows flows;
    private TestPlatform acme;
    private TestPlatform beta;
    private String acmeToken;
    private String betaToken;
    private String sellerWallet;
    private String buyerWallet;

    @BeforeEach
    void platforms() {
        flows = new SettlementFlows(api);
        acme = newPlatform();
        beta = newPlatform();
        acmeToken = tokenFor(acme);
        betaToken = tokenFor(beta);
        sellerWallet = uniqueWallet();
        buyerWallet = uniqueWallet();
    }

    private static String uniqueWallet() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
    }

    private String matchedSettlement(String sellerName, String buyerName) {
        ApiResponse seller = api.post("/v1/instructions", acmeToken, SettlementFlows.sellerInstruction(
                UUID.randomUUID().toString(), null, sellerName, sellerWallet, "dvp-standard"));
        assertThat(seller.status()).as(seller.toString()).isEqualTo(201);
        assertThat(seller.text("status")).isEqualTo("pending_match");
        String reference = seller.text("trade_reference");
        assertThat(reference).startsWith("KS-");

        ApiResponse buyer = api.post("/v1/instructions", betaToken, SettlementFlows.buyerInstruction(
                UUID.randomUUID().toString(), reference, buyerName, buyerWallet, "dvp-standard"));
        assertThat(buyer.status()).as(buyer.toString()).isEqualTo(201);
        assertThat(buyer.text("status")).isEqualTo("matched");
        String settlementId = buyer.text("settlement_id");
        assertThat(api.get("/v1/instructions/" + seller.text("id"), acmeToken).text("status")).isEqualTo("matched");
        return settlementId;
    }

    @Test
    void twoPlatformsSettleADeliveryVersusPayment() {
        flows.fund(acmeToken, sellerWallet, "BOND-2026-A", "1000");
        flows.fund(betaToken, buyerWallet, "TUSDC", "100000");

        String id = matchedSettlement("Acme Fund A", "Beta Treasury");
        JsonNode awaiting = flows.awaitState(acmeToken, id, "AWAITING_DEPOSITS");
        assertThat(awaiting.get("settlement_type").asString()).isEqualTo("cross_platform");
        assertThat(awaiting.get("parties")).allSatisfy(p -> assertThat(p.get("status").asString()).isEqualTo("cleared"));

        flows.depositOwnLegs(acmeToken, id);
        flows.depositOwnLegs(betaToken, id);
        JsonNode finalized = flows.awaitState(betaToken, id, "FINALIZED");

        assertThat(finalized.get("legs")).allSatisfy(l -> assertThat(l.get("status").asString()).isEqualTo("released"));
        assertThat(new BigDecimal(flows.balance(acmeToken, sellerWallet, "BOND-2026-A"))).isZero();
        assertThat(new BigDecimal(flows.balance(acmeToken, buyerWallet, "BOND-2026-A"))).isEqualByComparingTo("1000");
        assertThat(new BigDecimal(flows.balance(betaToken, sellerWallet, "TUSDC"))).isEqualByComparingTo("99000.50");
        assertThat(new BigDecimal(flows.balance(betaToken, buyerWallet, "TUSDC"))).isEqualByComparingTo("999.50");

        List<String> states = new ArrayList<>();
        JsonNode events = api.get("/v1/settlements/" + id + "/events", acmeToken).body().get("items");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("sequence").asInt()).isEqualTo(i + 1);
            states.add(events.get(i).get("to_state").asString());
        }
        assertThat(states).containsExactly("INSTRUCTED", "COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED",
                "AWAITING_DEPOSITS", "EXECUTING_SWAP", "FINALIZED");
        assertThat(finalized.get("version").asInt()).isEqualTo(6);
        ApiResponse evidence = api.get("/v1/settlements/" + id + "/evidence", betaToken);
        assertThat(evidence.body().get("valid").asBoolean()).isTrue();
        assertThat(evidence.body().get("events").asInt()).isEqualTo(6);
    }

    @Test
    void eachPlatformSeesOnlyItsOwnReferencesAndSecrets() {
        String id = matchedSettlement("Acme Fund A", "Beta Treasury");
        JsonNode seenByAcme = flows.awaitState(acmeToken, id, "AWAITING_DEPOSITS");
        JsonNode seenByBeta = flows.settlement(betaToken, id);

        for (JsonNode party : seenByAcme.get("parties")) {
            String role = party.get("role").asString();
            assertThat(party.get("external_reference").isNull()).isEqualTo(role.equals("buyer"));
            assertThat(party.get("name").asString()).isNotBlank();
        }
        for (JsonNode party : seenByBeta.get("parties")) {
            assertThat(party.get("external_reference").isNull()).isEqualTo(party.get("role").asString().equals("seller"));
        }
        for (JsonNode leg : seenByBeta.get("legs")) {
            boolean betaDelivers = leg.get("party_role").asString().equals("buyer");
            assertThat(leg.get("deposit").get("deposit_key").asString()).startsWith("0x");
            assertThat(leg.get("deposit").get("deposit_secret").isNull()).isEqualTo(!betaDelivers);
        }
        TestPlatform stranger = newPlatform();
        ApiResponse hidden = api.get("/v1/settlements/" + id, tokenFor(stranger));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.code()).isEqualTo("settlement_not_found");
    }

    @Test
    void flaggedPartyWaitsForApprovalThenSettles() {
        String id = matchedSettlement("Acme FLAG Holdings", "Beta Treasury");
        JsonNode checking = flows.awaitState(acmeToken, id, "COMPLIANCE_CHECKING");
        checking = xyz.keystoneos.support.Polling.until(() -> flows.settlement(acmeToken, id),
                s -> s.get("parties").toString().contains("flagged"), java.time.Duration.ofSeconds(10), "flag");
        assertThat(checking.get("state").asString()).isEqualTo("COMPLIANCE_CHECKING");
        JsonNode flaggedSeller = null;
        for (JsonNode party : checking.get("parties")) {
            if (party.get("role").asString().equals("seller")) {
                flaggedSeller = party;
            }
        }
        assertThat(flaggedSeller).isNotNull();
        assertThat(flaggedSeller.get("status").asString()).isEqualTo("flagged");
        assertThat(flaggedSeller.get("compliance_checks").toString()).contains("\"outcome\":\"flagged\"")
                .contains("sandbox_trigger");

        ApiResponse approved = api.post("/v1/settlements/" + id + "/compliance-decision", betaToken,
                "{\"decision\": \"approve\", \"reason\": \"false positive, checked by hand\"}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        flows.awaitState(acmeToken, id, "AWAITING_DEPOSITS");

        JsonNode events = api.get("/v1/settlements/" + id + "/events", acmeToken).body().get("items");
        JsonNode decision = events.get(2);
        assertThat(decision.get("to_state").asString()).isEqualTo("COMPLIANCE_CLEARED");
        assertThat(decision.get("triggered_by").asString()).isEqualTo("m2m:" + beta.clientId());
        assertThat(decision.get("payload").get("decision").asString()).isEqualTo("approve");

        ApiResponse again = api.post("/v1/settlements/" + id + "/compliance-decision", betaToken,
                "{\"decision\": \"approve\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("no_compliance_review_pending");
    }

    @Test
    void flaggedPartyRejectedRollsBack() {
        String id = matchedSettlement("Acme Fund A", "Beta FLAG Partners");
        xyz.keystoneos.support.Polling.until(() -> flows.settlement(acmeToken, id),
                s -> s.get("parties").toString().contains("flagged"), java.time.Duration.ofSeconds(10), "flag");

        ApiResponse rejected = api.post("/v1/settlements/" + id + "/compliance-decision", acmeToken,
                "{\"decision\": \"reject\", \"reason\": \"sanctions match confirmed\"}");

        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.text("state")).isEqualTo("ROLLED_BACK");
        assertThat(rejected.body().get("legs")).allSatisfy(l ->
                assertThat(l.get("status").asString()).isEqualTo("rolled_back"));
    }

    @Test
    void failedScreeningRollsBackByItself() {
        String deadWallet = "0x00000000000000000000000000000000000000ad".replace("00ad", "dead");
        sellerWallet = deadWallet;
        String id = matchedSettlement("Acme Fund A", "Beta Treasury");

        JsonNode rolledBack = flows.awaitState(acmeToken, id, "ROLLED_BACK");

        assertThat(rolledBack.get("parties").toString()).contains("failed");
        JsonNode events = api.get("/v1/settlements/" + id + "/events", acmeToken).body().get("items");
        assertThat(events.get(events.size() - 1).get("payload").get("reason").asString())
                .isEqualTo("compliance_failed");
    }
}
