package xyz.keystoneos.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static xyz.keystoneos.sdk.Fixtures.SETTLEMENT_ID;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import xyz.keystoneos.sdk.StubServer.Reply;
import xyz.keystoneos.sdk.model.CheckOutcome;
import xyz.keystoneos.sdk.model.CreateSettlementRequest;
import xyz.keystoneos.sdk.model.Direction;
import xyz.keystoneos.sdk.model.InstructionStatus;
import xyz.keystoneos.sdk.model.LegInput;
import xyz.keystoneos.sdk.model.LegStatus;
import xyz.keystoneos.sdk.model.LegType;
import xyz.keystoneos.sdk.model.PartyInput;
import xyz.keystoneos.sdk.model.PartyStatus;
import xyz.keystoneos.sdk.model.Settlement;
import xyz.keystoneos.sdk.model.SettlementState;
import xyz.keystoneos.sdk.model.SettlementType;
import xyz.keystoneos.sdk.model.TokenStandard;
import xyz.keystoneos.sdk.model.WebhookEvent;

class ModelMappingTest {

    @RegisterExtension
    final StubServer server = StubServer.start();
    private final KeystoneSyncClient client = Fixtures.syncClient(server);

    @Test
    void settlementIsReadWithTypedFieldsAndExactQuantities() {
        server.on("GET", "/v1/settlements/" + SETTLEMENT_ID, Reply.json(200, Fixtures.SETTLEMENT_JSON));

        Settlement settlement = client.settlements().get(SETTLEMENT_ID);

        assertThat(settlement.state()).isEqualTo(SettlementState.AWAITING_DEPOSITS);
        assertThat(settlement.settlementType()).isEqualTo(SettlementType.CROSS_PLATFORM);
        assertThat(settlement.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(settlement.party("seller").status()).isEqualTo(PartyStatus.CLEARED);
        assertThat(settlement.party("seller").complianceChecks().get(0).outcome()).isEqualTo(CheckOutcome.PASS);
        assertThat(settlement.legs().get(0).quantity())
                .isEqualTo(new BigDecimal("1000000000000000000000.000000000000000001"));
        assertThat(settlement.legs().get(0).tokenStandard()).isEqualTo(TokenStandard.ERC_20);
        assertThat(settlement.legs().get(0).deposit().hasSecret()).isTrue();
    }

    @Test
    void unknownFieldsAreIgnoredAndUnknownEnumValuesReadAsUnknown() {
        server.on("GET", "/v1/settlements/s2", Reply.json(200, """
                {"id":"s2","state":"AWAITING_QUANTUM_CLEARANCE","settlement_type":"tri_party","brand_new_field":{"x":1},
                 "parties":[{"id":"p","role":"seller","status":"under_review","future":true}],
                 "legs":[{"id":"l","leg_index":0,"leg_type":"collateral","direction":"lend","status":"escrowed",
                          "token_standard":"ERC-9999","quantity":"5"}]}
                """));
        server.on("GET", "/v1/instructions/i9", Reply.json(200,
                "{\"id\":\"i9\",\"status\":\"on_hold\",\"extra\":[1,2,3]}"));

        Settlement settlement = client.settlements().get("s2");

        assertThat(settlement.state()).isEqualTo(SettlementState.UNKNOWN);
        assertThat(settlement.isTerminal()).isFalse();
        assertThat(settlement.settlementType()).isEqualTo(SettlementType.UNKNOWN);
        assertThat(settlement.parties().get(0).status()).isEqualTo(PartyStatus.UNKNOWN);
        assertThat(settlement.legs().get(0).legType()).isEqualTo(LegType.UNKNOWN);
        assertThat(settlement.legs().get(0).direction()).isEqualTo(Direction.UNKNOWN);
        assertThat(settlement.legs().get(0).status()).isEqualTo(LegStatus.UNKNOWN);
        assertThat(settlement.legs().get(0).tokenStandard()).isEqualTo(TokenStandard.UNKNOWN);
        assertThat(client.instructions().get("i9").status()).isEqualTo(InstructionStatus.UNKNOWN);
    }

    @Test
    void requestsSendQuantitiesAsPlainDecimalStringsWireEnumsAndNoNulls() {
        server.on("POST", "/v1/settlements", Reply.json(201, Fixtures.SETTLEMENT_JSON));

        client.settlements().create(CreateSettlementRequest.builder()
                .idempotencyKey("k-1")
                .templateSlug("dvp-standard")
                .timeoutAt(Instant.parse("2030-01-01T00:00:00Z"))
                .party(PartyInput.builder().role("seller").walletAddress("0x11").chainId(11155111).build())
                .leg(LegInput.builder().instrumentId("BOND").quantity(new BigDecimal("1E+21")).partyRole("seller")
                        .direction(Direction.DELIVER).tokenStandard(TokenStandard.ERC_1400).build())
                .leg(LegInput.builder().legType(LegType.PAYMENT).instrumentId("TUSDC").quantity("99000.50")
                        .partyRole("buyer").build())
                .build());

        String body = server.apiRequests().get(0).body();
        assertThat(body).contains("\"quantity\":\"1000000000000000000000\"")
                .contains("\"quantity\":\"99000.50\"")
                .contains("\"direction\":\"deliver\"")
                .contains("\"token_standard\":\"ERC-1400\"")
                .contains("\"leg_type\":\"payment\"")
                .contains("\"timeout_at\":\"2030-01-01T00:00:00Z\"")
                .contains("\"template_slug\":\"dvp-standard\"")
                .contains("\"party_role\":\"seller\"")
                .doesNotContain("null")
                .doesNotContain("template_id");
    }

    @Test
    void webhookEventsParseFromTheRawBody() {
        WebhookEvent event = WebhookEvent.parse("{\"id\":\"evt_1\",\"event\":\"settlement.state.finalized\","
                + "\"created_at\":\"2026-01-01T10:00:00Z\",\"data\":{\"settlement_id\":\"s1\",\"state\":\"FINALIZED\","
                + "\"sequence\":6,\"unknown\":null}}");

        assertThat(event.event()).isEqualTo("settlement.state.finalized");
        assertThat(event.dataString("settlement_id")).isEqualTo("s1");
        assertThat(event.data()).containsEntry("sequence", 6).containsKey("unknown");
        assertThat(List.of(event.createdAt())).containsExactly(Instant.parse("2026-01-01T10:00:00Z"));
    }
}
