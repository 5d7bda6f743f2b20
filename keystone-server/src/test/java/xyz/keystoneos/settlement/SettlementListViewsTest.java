package xyz.keystoneos.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.SettlementFlows;

/** A list page reads its settlements together; each item is still exactly what GET answers for it, for each side. */
class SettlementListViewsTest extends IntegrationTest {

    @Test
    void everyListItemEqualsItsOwnGetForBothSides() {
        String sellerToken = tokenFor(newPlatform());
        String buyerToken = tokenFor(newPlatform());
        SettlementFlows flows = new SettlementFlows(api);
        // deposits and compliance results are part of the view: wait until both exist
        List<String> ids = flows.matchedSettlements(3, sellerToken, buyerToken, "AWAITING_DEPOSITS");

        for (String token : List.of(sellerToken, buyerToken)) {
            ApiResponse list = api.get("/v1/settlements?limit=10", token);
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            List<JsonNode> items = new ArrayList<>();
            list.body().get("items").forEach(items::add);
            assertThat(items).extracting(item -> item.get("id").asString())
                    .containsExactlyElementsOf(ids.reversed());
            for (JsonNode item : items) {
                JsonNode single = flows.settlement(token, item.get("id").asString());
                assertThat(item).isEqualTo(single);
                assertThat(item.get("legs")).allSatisfy(leg -> assertThat(leg.get("deposit").isNull()).isFalse());
                assertThat(item.get("parties")).allSatisfy(party ->
                        assertThat(party.get("compliance_checks")).isNotEmpty());
            }
        }
    }
}
