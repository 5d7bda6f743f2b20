package xyz.keystoneos.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static xyz.keystoneos.settlement.SettlementPathsTest.BOND_LEG;
import static xyz.keystoneos.settlement.SettlementPathsTest.direct;
import static xyz.keystoneos.settlement.SettlementPathsTest.wallet;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestPlatform;

/** Every broken rule is a 4xx naming the problem, and nothing half-written remains. */
class SettlementBadInputTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private TestPlatform platform;
    private String token;
    private long settlementsBefore;

    @BeforeEach
    void setUp() {
        platform = newPlatform();
        token = tokenFor(platform);
        settlementsBefore = count();
    }

    private long count() {
        return jdbc.sql("select count(*) from settlements where environment_id = :env")
                .param("env", platform.environmentId()).query(Long.class).single();
    }

    private static Instant later() {
        return Instant.now().plus(Duration.ofHours(1));
    }

    private ApiResponse create(String body) {
        return api.post("/v1/settlements", token, body);
    }

    private static void assertFieldError(ApiResponse response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.body().get("errors").toString()).contains("\"" + field + "\"");
    }

    @AfterEach
    void nothingHalfWritten(org.junit.jupiter.api.TestInfo test) {
        if (!test.getTestMethod().orElseThrow().getName().startsWith("deposit")
                && !test.getTestMethod().orElseThrow().getName().startsWith("decision")) {
            assertThat(count()).as("settlements after a refused request").isEqualTo(settlementsBefore);
        }
    }

    @Test
    void timeoutInThePastIsUnprocessable() {
        ApiResponse response = create(direct("fop-standard", Instant.now().minus(Duration.ofMinutes(1)), wallet(),
                wallet(), BOND_LEG, ""));

        assertFieldError(response, 422, "invalid_settlement", "timeout_at");
    }

    @Test
    void unknownTemplateIsUnprocessable() {
        ApiResponse response = create(direct("no-such-template", later(), wallet(), wallet(), BOND_LEG, ""));

        assertFieldError(response, 422, "invalid_settlement", "template_slug");
        assertThat(response.text("detail")).contains("no-such-template");
    }

    @Test
    void rolesThatDoNotCoverTheTemplateAreUnprocessable() {
        String body = direct("fop-standard", later(), wallet(), wallet(), BOND_LEG, "").replace("\"buyer\"", "\"lender\"");

        ApiResponse response = create(body);

        assertFieldError(response, 422, "invalid_settlement", "parties[1].role");
        assertThat(response.body().get("errors").toString()).contains("needs a party with role 'buyer'");
    }

    @Test
    void zeroNegativeAndNonNumericQuantitiesAreRefused() {
        for (String quantity : new String[] {"\"0\"", "\"-5\"", "\"lots\"", "250", "\"1e3\""}) {
            ApiResponse response = create(direct("fop-standard", later(), wallet(), wallet(),
                    BOND_LEG.replace("\"250\"", quantity), ""));

            assertThat(response.status()).as(quantity + " → " + response).isEqualTo(400);
            assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("legs[0].quantity");
        }
    }

    @Test
    void badWalletAddressIsUnprocessable() {
        ApiResponse notHex = create(direct("fop-standard", later(), "0x12345", wallet(), BOND_LEG, ""));
        ApiResponse badChecksum = create(direct("fop-standard", later(),
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", wallet(), BOND_LEG, ""));

        assertFieldError(notHex, 422, "invalid_settlement", "parties[0].wallet_address");
        assertFieldError(badChecksum, 422, "invalid_settlement", "parties[0].wallet_address");
        assertThat(badChecksum.text("detail") + badChecksum.body().get("errors")).containsIgnoringCase("checksum");
    }

    @Test
    void unknownLegTypeAndLegOwnerAreRefused() {
        ApiResponse badType = create(direct("fop-standard", later(), wallet(), wallet(),
                BOND_LEG.replace("asset_delivery", "bananas"), ""));
        ApiResponse badOwner = create(direct("fop-standard", later(), wallet(), wallet(),
                BOND_LEG.replace("\"party_role\": \"seller\"", "\"party_role\": \"custodian\""), ""));

        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.text("detail")).contains("asset_delivery").contains("payment");
        assertFieldError(badOwner, 422, "invalid_settlement", "legs[0].party_role");
    }

    @Test
    void missingIdempotencyKeyIsABadRequest() {
        String body = direct("fop-standard", later(), wallet(), wallet(), BOND_LEG, "")
                .replaceFirst("\"idempotency_key\": \"[^\"]+\",", "");

        assertFieldError(create(body), 400, "validation_failed", "idempotency_key");
    }

    @Test
    void missingPaymentLegForDvpIsUnprocessable() {
        assertFieldError(create(direct("dvp-standard", later(), wallet(), wallet(), BOND_LEG, "")), 422,
                "invalid_settlement", "legs");
    }

    private JsonNode awaitingDeposits() {
        SettlementFlows flows = new SettlementFlows(api);
        String seller = wallet();
        flows.fund(token, seller, "BOND-2026-A", "250");
        ApiResponse created = create(direct("fop-standard", later(), seller, wallet(), BOND_LEG, ""));
        return flows.awaitState(token, created.text("id"), "AWAITING_DEPOSITS");
    }

    @Test
    void depositWithTheWrongSecretIsRefused() {
        JsonNode settlement = awaitingDeposits();

        ApiResponse response = api.post("/v1/sandbox/settlements/" + settlement.get("id").asString() + "/legs/0/deposit",
                token, "{\"deposit_secret\": \"0x" + "ab".repeat(32) + "\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("invalid_deposit_secret");
    }

    @Test
    void depositTwiceIsAConflict() {
        JsonNode settlement = awaitingDeposits();
        String path = "/v1/sandbox/settlements/" + settlement.get("id").asString() + "/legs/0/deposit";
        String body = "{\"deposit_secret\": \"" + settlement.get("legs").get(0).get("deposit").get("deposit_secret")
                .asString() + "\"}";
        assertThat(api.post(path, token, body).status()).isEqualTo(200);

        ApiResponse again = api.post(path, token, body);

        assertThat(again.status()).isIn(409);
        assertThat(again.code()).isIn("leg_already_deposited", "escrow_closed");
    }

    @Test
    void decisionWithoutAPendingFlagIsAConflict() {
        JsonNode settlement = awaitingDeposits();

        ApiResponse response = api.post("/v1/settlements/" + settlement.get("id").asString()
                + "/compliance-decision", token, "{\"decision\": \"approve\", \"reason\": \"why not\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("no_compliance_review_pending");
    }

    @Test
    void decisionMustBeApproveOrReject() {
        JsonNode settlement = awaitingDeposits();

        ApiResponse response = api.post("/v1/settlements/" + settlement.get("id").asString()
                + "/compliance-decision", token, "{\"decision\": \"maybe\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("detail")).contains("approve").contains("reject");
    }

    @Test
    void directCreateIsIdempotent() {
        String body = direct("fop-standard", later(), wallet(), wallet(), BOND_LEG, "");

        ApiResponse first = create(body);
        ApiResponse replay = create(body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.text("id")).isEqualTo(first.text("id"));
        settlementsBefore++;
    }

    @Test
    void listFiltersByRepeatedStateAndChecksParameters() {
        create(direct("fop-standard", later(), wallet(), wallet(), BOND_LEG, ""));
        settlementsBefore++;

        ApiResponse some = api.get("/v1/settlements?state=INSTRUCTED&state=COMPLIANCE_CHECKING&state=COMPLIANCE_CLEARED"
                + "&state=AWAITING_DEPOSITS&state=ROLLED_BACK&limit=5", token);
        ApiResponse none = api.get("/v1/settlements?state=FINALIZED", token);
        ApiResponse badType = api.get("/v1/settlements?settlement_type=weird", token);
        ApiResponse badDate = api.get("/v1/settlements?created_after=yesterday", token);

        assertThat(some.body().get("total").asLong()).isEqualTo(1);
        assertThat(some.body().get("limit").asInt()).isEqualTo(5);
        assertThat(none.body().get("total").asLong()).isZero();
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badDate.status()).isEqualTo(400);
    }
}
