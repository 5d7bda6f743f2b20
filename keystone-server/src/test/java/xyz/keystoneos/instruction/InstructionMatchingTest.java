package xyz.keystoneos.instruction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestPlatform;

class InstructionMatchingTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private TestPlatform acme;
    private TestPlatform beta;
    private String acmeToken;
    private String betaToken;

    @BeforeEach
    void platforms() {
        acme = newPlatform();
        beta = newPlatform();
        acmeToken = tokenFor(acme);
        betaToken = tokenFor(beta);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    /** The seed document's instruction, as written, with a future timeout. */
    private static String seedExample(String key, String role, String direction, String reference) {
        return """
                {
                  "template_slug": "cross_platform_dvp",
                  "role": "%s",%s
                  "party": {
                    "external_reference": "SELLER-001",
                    "name": "BNY Mellon Fund A",
                    "wallet_address": "0x1234567890abcdef1234567890abcdef12345678",
                    "chain_id": 11155111
                  },
                  "legs": [
                    {"instrument_id": "BOND-2026-A", "quantity": "1000000", "direction": "%s"}
                  ],
                  "timeout_at": "%s",
                  "idempotency_key": "%s"
                }""".formatted(role, reference == null ? "" : "\n  \"trade_reference\": \"" + reference + "\",",
                direction, Instant.now().plus(Duration.ofDays(1)), key);
    }

    @Test
    void seedDocumentExampleIsAcceptedAndMatchedByItsMirror() {
        ApiResponse seller = api.post("/v1/instructions", acmeToken, seedExample(key(), "seller", "deliver", null));
        assertThat(seller.status()).as(seller.toString()).isEqualTo(201);
        assertThat(seller.text("status")).isEqualTo("pending_match");
        assertThat(seller.body().get("legs").get(0).get("leg_type").asString()).isEqualTo("asset_delivery");
        assertThat(seller.body().get("legs").get(0).get("chain_id").asLong()).isEqualTo(11155111);

        String buyerBody = seedExample(key(), "buyer", "receive", seller.text("trade_reference"))
                .replace("0x1234567890abcdef1234567890abcdef12345678", "0xabcdefabcdefabcdefabcdefabcdefabcdefabcd")
                .replace("SELLER-001", "BUYER-001");
        ApiResponse buyer = api.post("/v1/instructions", betaToken, buyerBody);

        assertThat(buyer.status()).as(buyer.toString()).isEqualTo(201);
        assertThat(buyer.text("status")).isEqualTo("matched");
        JsonNode settlement = api.get("/v1/settlements/" + buyer.text("settlement_id"), betaToken).body();
        assertThat(settlement.get("template_slug").asString()).isEqualTo("cross_platform_dvp");
        assertThat(settlement.get("legs").get(0).get("party_role").asString()).isEqualTo("seller");
    }

    @Test
    void mismatchIsRefusedWithEveryDifferenceAndLeavesTheReferenceFree() {
        String sellerBody = SettlementFlows.sellerInstruction(key(), null, "Acme", SettlementFlows.SELLER_WALLET,
                "dvp-standard");
        String reference = api.post("/v1/instructions", acmeToken, sellerBody).text("trade_reference");
        String wrong = SettlementFlows.buyerInstruction(key(), reference, "Beta", SettlementFlows.BUYER_WALLET,
                "dvp-standard").replace("\"1000\"", "\"999\"").replace("\"receive\"", "\"deliver\"");

        ApiResponse mismatch = api.post("/v1/instructions", betaToken, wrong);

        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.code()).isEqualTo("instruction_mismatch");
        assertThat(mismatch.body().get("errors").toString()).contains("legs[0].quantity").contains("legs[0].direction");
        assertThat(api.get("/v1/instructions?trade_reference=" + reference, betaToken).body().get("total").asLong())
                .isZero();
        ApiResponse right = api.post("/v1/instructions", betaToken, SettlementFlows.buyerInstruction(key(), reference,
                "Beta", SettlementFlows.BUYER_WALLET, "dvp-standard"));
        assertThat(right.text("status")).isEqualTo("matched");
    }

    @Test
    void secondInstructionForTheSameSideIsAConflict() {
        String reference = "TR-" + UUID.randomUUID();
        assertThat(api.post("/v1/instructions", acmeToken, SettlementFlows.sellerInstruction(key(), reference, "Acme",
                SettlementFlows.SELLER_WALLET, "dvp-standard")).status()).isEqualTo(201);

        ApiResponse again = api.post("/v1/instructions", betaToken, SettlementFlows.sellerInstruction(key(), reference,
                "Beta", SettlementFlows.BUYER_WALLET, "dvp-standard"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("trade_reference_in_use");
    }

    @Test
    void matchedReferenceCannotBeUsedAgain() {
        String reference = "TR-" + UUID.randomUUID();
        api.post("/v1/instructions", acmeToken, SettlementFlows.sellerInstruction(key(), reference, "Acme",
                SettlementFlows.SELLER_WALLET, "dvp-standard"));
        api.post("/v1/instructions", betaToken, SettlementFlows.buyerInstruction(key(), reference, "Beta",
                SettlementFlows.BUYER_WALLET, "dvp-standard"));

        ApiResponse third = api.post("/v1/instructions", betaToken, SettlementFlows.sellerInstruction(key(), reference,
                "Beta", SettlementFlows.BUYER_WALLET, "dvp-standard"));

        assertThat(third.status()).isEqualTo(409);
        assertThat(third.code()).isEqualTo("trade_reference_already_matched");
    }

    @Test
    void bothSidesArrivingAtOnceProduceExactlyOneSettlementPerTrade() throws Exception {
        int trades = 25;
        List<Callable<ApiResponse>> submissions = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < trades; i++) {
            String reference = "RACE-" + UUID.randomUUID();
            references.add(reference);
            submissions.add(() -> api.post("/v1/instructions", acmeToken, SettlementFlows.sellerInstruction(key(),
                    reference, "Acme", SettlementFlows.SELLER_WALLET, "dvp-standard")));
            submissions.add(() -> api.post("/v1/instructions", betaToken, SettlementFlows.buyerInstruction(key(),
                    reference, "Beta", SettlementFlows.BUYER_WALLET, "dvp-standard")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<ApiResponse> responses = new ArrayList<>();
        for (Future<ApiResponse> future : pool.invokeAll(submissions)) {
            responses.add(future.get());
        }
        pool.shutdown();

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(responses).filteredOn(r -> r.text("status").equals("matched")).hasSize(trades);
        for (String reference : references) {
            long settlements = jdbc.sql("select count(*) from settlements where external_reference = :ref")
                    .param("ref", reference).query(Long.class).single();
            long matched = jdbc.sql("""
                    select count(*) from instructions where trade_reference = :ref and status = 'matched'
                    and settlement_id is not null""").param("ref", reference).query(Long.class).single();
            assertThat(settlements).as(reference).isEqualTo(1);
            assertThat(matched).as(reference).isEqualTo(2);
        }
    }

    @Test
    void pendingInstructionCanBeCancelledOnce() {
        String id = api.post("/v1/instructions", acmeToken, SettlementFlows.sellerInstruction(key(), null, "Acme",
                SettlementFlows.SELLER_WALLET, "dvp-standard")).text("id");

        ApiResponse cancelled = api.post("/v1/instructions/" + id + "/cancel", acmeToken, "{}");
        ApiResponse again = api.post("/v1/instructions/" + id + "/cancel", acmeToken, "{}");
        ApiResponse byOther = api.post("/v1/instructions/" + id + "/cancel", betaToken, "{}");

        assertThat(cancelled.text("status")).isEqualTo("cancelled");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("instruction_not_pending");
        assertThat(byOther.status()).isEqualTo(404);
    }

    @Test
    void expiredInstructionNoLongerMatches() {
        ApiResponse seller = api.post("/v1/instructions", acmeToken, SettlementFlows.sellerInstruction(key(), null,
                "Acme", SettlementFlows.SELLER_WALLET, "dvp-standard"));
        jdbc.sql("update instructions set expires_at = now() - interval '1 second' where id = :id")
                .param("id", UUID.fromString(seller.text("id"))).update();

        ApiResponse buyer = api.post("/v1/instructions", betaToken, SettlementFlows.buyerInstruction(key(),
                seller.text("trade_reference"), "Beta", SettlementFlows.BUYER_WALLET, "dvp-standard"));

        assertThat(buyer.status()).isEqualTo(201);
        assertThat(buyer.text("status")).isEqualTo("pending_match");
        xyz.keystoneos.support.Polling.until(() -> api.get("/v1/instructions/" + seller.text("id"), acmeToken)
                .text("status"), "expired"::equals, Duration.ofSeconds(30), "the expiry job");
        long announced = jdbc.sql("""
                select count(*) from webhook_outbox where event_type = 'instruction.expired'
                and payload -> 'data' ->> 'instruction_id' = :id""").param("id", seller.text("id"))
                .query(Long.class).single();
        assertThat(announced).isEqualTo(1);
    }

    @Test
    void listsOnlyTheCallersInstructionsWithFilters() {
        String reference = api.post("/v1/instructions", acmeToken, SettlementFlows.sellerInstruction(key(), null,
                "Acme", SettlementFlows.SELLER_WALLET, "dvp-standard")).text("trade_reference");

        ApiResponse mine = api.get("/v1/instructions?status=pending_match&trade_reference=" + reference, acmeToken);
        ApiResponse theirs = api.get("/v1/instructions?trade_reference=" + reference, betaToken);
        ApiResponse badStatus = api.get("/v1/instructions?status=done", acmeToken);

        assertThat(mine.body().get("total").asLong()).isEqualTo(1);
        assertThat(theirs.body().get("total").asLong()).isZero();
        assertThat(badStatus.status()).isEqualTo(400);
    }
}
