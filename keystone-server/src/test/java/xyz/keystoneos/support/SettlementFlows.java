package xyz.keystoneos.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Steps of the settlement flows, over HTTP, shared by the end-to-end tests. */
public final class SettlementFlows {

    public static final String SELLER_WALLET = "0x1111111111111111111111111111111111111111";
    public static final String BUYER_WALLET = "0x2222222222222222222222222222222222222222";
    public static final long CHAIN = 11155111;

    private final Api api;

    public SettlementFlows(Api api) {
        this.api = api;
    }

    public void fund(String token, String wallet, String instrument, String quantity) {
        ApiResponse response = api.post("/v1/sandbox/faucet", token, Api.json(Map.of("wallet_address", wallet,
                "instrument_id", instrument, "quantity", quantity, "chain_id", CHAIN)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    public String balance(String token, String wallet, String instrument) {
        ApiResponse response = api.get("/v1/sandbox/balances?wallet_address=" + wallet + "&instrument_id=" + instrument
                + "&chain_id=" + CHAIN, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.text("balance");
    }

    public static String sellerInstruction(String key, String tradeReference, String partyName, String wallet,
            String template) {
        return instruction(key, tradeReference, template, "seller", partyName, wallet, "deliver", "receive");
    }

    public static String buyerInstruction(String key, String tradeReference, String partyName, String wallet,
            String template) {
        return instruction(key, tradeReference, template, "buyer", partyName, wallet, "receive", "deliver");
    }

    private static String instruction(String key, String tradeReference, String template, String role,
            String partyName, String wallet, String bondDirection, String cashDirection) {
        String reference = tradeReference == null ? "" : "\"trade_reference\": \"" + tradeReference + "\",";
        return """
                {
                  "idempotency_key": "%s", %s
                  "template_slug": "%s",
                  "role": "%s",
                  "party": {"external_reference": "%s-REF", "name": "%s", "wallet_address": "%s", "chain_id": %d},
                  "legs": [
                    {"instrument_id": "BOND-2026-A", "quantity": "1000", "direction": "%s"},
                    {"leg_type": "payment", "instrument_id": "TUSDC", "quantity": "99000.50", "direction": "%s"}
                  ],
                  "timeout_at": "%s"
                }""".formatted(key, reference, template, role, role.toUpperCase(), partyName, wallet, CHAIN,
                bondDirection, cashDirection, Instant.now().plus(Duration.ofHours(2)));
    }

    /** Seller (first token) and buyer (second token) submit matching instructions; answers the settlement id. */
    public String matchedSettlement(String sellerToken, String buyerToken) {
        ApiResponse seller = api.post("/v1/instructions", sellerToken, sellerInstruction(
                java.util.UUID.randomUUID().toString(), null, "Seller Fund", SELLER_WALLET, "dvp-standard"));
        assertThat(seller.status()).as(seller.toString()).isEqualTo(201);
        ApiResponse buyer = api.post("/v1/instructions", buyerToken, buyerInstruction(
                java.util.UUID.randomUUID().toString(), seller.text("trade_reference"), "Buyer Treasury", BUYER_WALLET,
                "dvp-standard"));
        assertThat(buyer.status()).as(buyer.toString()).isEqualTo(201);
        return buyer.text("settlement_id");
    }

    /**
     * {@code count} settlements matched one after the other between the same seller and buyer, each waited for until
     * it reaches {@code state}; answers their ids in creation order.
     */
    public List<String> matchedSettlements(int count, String sellerToken, String buyerToken, String state) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(matchedSettlement(sellerToken, buyerToken));
        }
        ids.forEach(id -> awaitState(sellerToken, id, state));
        return ids;
    }

    public JsonNode settlement(String token, String id) {
        ApiResponse response = api.get("/v1/settlements/" + id, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    public JsonNode awaitState(String token, String id, String state) {
        return Polling.until(() -> settlement(token, id), s -> s.get("state").asString().equals(state),
                Duration.ofSeconds(20), "settlement " + id + " to reach " + state);
    }

    /** Deposits every leg this caller owns (the legs whose deposit carries a secret). */
    public void depositOwnLegs(String token, String id) {
        JsonNode settlement = settlement(token, id);
        for (JsonNode leg : settlement.get("legs")) {
            JsonNode deposit = leg.get("deposit");
            if (deposit != null && !deposit.isNull() && deposit.has("deposit_secret")
                    && !deposit.get("deposit_secret").isNull()) {
                ApiResponse response = api.post("/v1/sandbox/settlements/" + id + "/legs/"
                        + leg.get("leg_index").asInt() + "/deposit", token,
                        Api.json(Map.of("deposit_secret", deposit.get("deposit_secret").asString())));
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
            }
        }
    }
}
