package xyz.keystoneos.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.support.IntegrationTest;

/** Screening through the application's beans, with the built-in sanctions list and the real database. */
class ComplianceScreeningIntegrationTest extends IntegrationTest {

    private static final List<String> SANCTIONS_LIST = List.of("sanctions_list");

    @Autowired
    private ComplianceScreening screening;

    @Autowired
    private ComplianceProviders providers;

    @Autowired
    private TransactionTemplate transactions;

    private final PartyToScreen seller = new PartyToScreen(UUID.randomUUID(), "seller", "Acme Securities",
            "0x1111111111111111111111111111111111111111", 1);
    private final PartyToScreen buyer = new PartyToScreen(UUID.randomUUID(), "buyer", "Océanic Shadow Trading, L.L.C.",
            "0x5CA1AB1E5CA1AB1E5CA1AB1E5CA1AB1E5CA1AB1E", 1);

    @Test
    void screensEveryPartyAndStoresTheResultsInOrder() {
        UUID settlement = UUID.randomUUID();

        List<CheckResult> results = screening.screen(new ScreeningRequest(settlement, false, SANCTIONS_LIST,
                SANCTIONS_LIST, List.of(seller, buyer)));

        assertThat(results).extracting(CheckResult::partyId, CheckResult::check, CheckResult::outcome,
                CheckResult::reference).containsExactly(
                tuple(seller.partyId(), CheckType.ENTITY, ScreeningOutcome.PASS, "sanctions_list:clear"),
                tuple(seller.partyId(), CheckType.WALLET, ScreeningOutcome.PASS, "sanctions_list:clear"),
                tuple(buyer.partyId(), CheckType.ENTITY, ScreeningOutcome.FAIL, "sanctions_list:match:KS-SAMPLE-E001"),
                tuple(buyer.partyId(), CheckType.WALLET, ScreeningOutcome.FAIL,
                        "sanctions_list:match:KS-SAMPLE-W001"));
        assertThat(screening.results(settlement)).isEqualTo(results);
    }

    @Test
    void screeningAgainReplacesTheEarlierResults() {
        UUID settlement = UUID.randomUUID();
        screening.screen(new ScreeningRequest(settlement, false, SANCTIONS_LIST, SANCTIONS_LIST,
                List.of(seller, buyer)));

        PartyToScreen renamedBuyer = new PartyToScreen(buyer.partyId(), "buyer", "Beta Capital",
                "0x2222222222222222222222222222222222222222", 1);
        List<CheckResult> again = screening.screen(new ScreeningRequest(settlement, false, SANCTIONS_LIST,
                List.of(), List.of(seller, renamedBuyer)));

        assertThat(screening.results(settlement)).isEqualTo(again)
                .extracting(CheckResult::partyId, CheckResult::check, CheckResult::outcome).containsExactly(
                        tuple(seller.partyId(), CheckType.ENTITY, ScreeningOutcome.PASS),
                        tuple(buyer.partyId(), CheckType.ENTITY, ScreeningOutcome.PASS));
    }

    @Test
    void sandboxTriggersAndUnknownProvidersAreStoredLikeAnyResult() {
        UUID settlement = UUID.randomUUID();
        PartyToScreen tester = new PartyToScreen(UUID.randomUUID(), "seller", "FLAG Test Fund",
                "0x000000000000000000000000000000000000dead", 1);

        screening.screen(new ScreeningRequest(settlement, true, List.of("sanctions_list", "no_such_provider"),
                SANCTIONS_LIST, List.of(tester)));

        assertThat(screening.results(settlement)).extracting(CheckResult::provider, CheckResult::outcome,
                CheckResult::reference).containsExactly(
                tuple("sanctions_list", ScreeningOutcome.FLAGGED, "sandbox_trigger:name_contains_FLAG"),
                tuple("no_such_provider", ScreeningOutcome.FLAGGED, "sandbox_trigger:name_contains_FLAG"),
                tuple("sanctions_list", ScreeningOutcome.FAIL, "sandbox_trigger:wallet_ends_dead"));
    }

    @Test
    void storingJoinsTheCallersTransaction() {
        UUID settlement = UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            screening.screen(new ScreeningRequest(settlement, false, SANCTIONS_LIST, SANCTIONS_LIST,
                    List.of(seller)));
            status.setRollbackOnly();
        });

        assertThat(screening.results(settlement)).isEmpty();
    }

    @Test
    void aSettlementNeverScreenedHasNoResults() {
        assertThat(screening.results(UUID.randomUUID())).isEmpty();
    }

    @Test
    void theBuiltInProviderReportsItsHealth() {
        assertThat(providers.health()).contains(
                new ProviderHealth("sanctions_list", CircuitState.CLOSED, 0, null, null));
    }
}
