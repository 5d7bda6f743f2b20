package xyz.keystoneos.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.compliance.CheckResult;
import xyz.keystoneos.compliance.CheckType;
import xyz.keystoneos.compliance.PartyToScreen;
import xyz.keystoneos.compliance.ScreeningOutcome;
import xyz.keystoneos.compliance.ScreeningRequest;
import xyz.keystoneos.compliance.ScreeningUnavailableException;
import xyz.keystoneos.support.MutableClock;

class CheckRunnerTest {

    private static final String CLEAN_WALLET = "0x1111111111111111111111111111111111111111";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:15:30.123456789Z"));
    private final FakeProvider names = new FakeProvider("names");
    private final FakeProvider wallets = new FakeProvider("wallets");
    private final ProviderGuardSettings settings = new ProviderGuardSettings(Duration.ofSeconds(1), 1,
            Duration.ofMillis(1), 2.0, 5, Duration.ofSeconds(30));
    private final CheckRunner runner = new CheckRunner(
            new GuardedProviders(List.of(names, wallets), settings, clock), clock);

    private final PartyToScreen seller = party("seller", "Acme Securities", CLEAN_WALLET);
    private final PartyToScreen buyer = party("buyer", "Beta Capital", "0x2222222222222222222222222222222222222222");

    @Test
    void everyPartyGetsOneCheckPerProviderInPartyThenCheckOrder() {
        List<CheckResult> results = runner.run(request(false, List.of("names", "wallets"), List.of("wallets"),
                seller, buyer));

        assertThat(results).extracting(CheckResult::partyId, CheckResult::check, CheckResult::provider)
                .containsExactly(
                        tuple(seller.partyId(), CheckType.ENTITY, "names"),
                        tuple(seller.partyId(), CheckType.ENTITY, "wallets"),
                        tuple(seller.partyId(), CheckType.WALLET, "wallets"),
                        tuple(buyer.partyId(), CheckType.ENTITY, "names"),
                        tuple(buyer.partyId(), CheckType.ENTITY, "wallets"),
                        tuple(buyer.partyId(), CheckType.WALLET, "wallets"));
        assertThat(results).allSatisfy(result -> {
            assertThat(result.outcome()).isEqualTo(ScreeningOutcome.PASS);
            assertThat(result.reference()).isEqualTo("fake:clear");
            assertThat(result.checkedAt()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123456Z"));
        });
        assertThat(names.subjects()).containsExactly("Acme Securities", "Beta Capital");
        assertThat(wallets.subjects()).containsExactly("Acme Securities", CLEAN_WALLET, "Beta Capital",
                buyer.walletAddress());
    }

    @Test
    void aProviderNamedTwiceChecksOnce() {
        List<CheckResult> results = runner.run(request(false, List.of("names", "names"), List.of(), seller));

        assertThat(results).hasSize(1);
        assertThat(names.calls()).isEqualTo(1);
    }

    @Test
    void noProvidersMeansNoChecks() {
        assertThat(runner.run(request(true, List.of(), List.of(), seller, buyer))).isEmpty();
        assertThat(runner.run(new ScreeningRequest(UUID.randomUUID(), true, null, null, List.of(seller)))).isEmpty();
    }

    @Test
    void sandboxTriggersReplaceTheVerdictOfEveryProviderWithoutAskingIt() {
        PartyToScreen flagged = party("seller", "FLAG Test Holdings", "0x000000000000000000000000000000000000dEaD");

        List<CheckResult> results = runner.run(request(true, List.of("names", "wallets"), List.of("wallets"),
                flagged));

        assertThat(results).extracting(CheckResult::check, CheckResult::provider, CheckResult::outcome,
                CheckResult::reference).containsExactly(
                tuple(CheckType.ENTITY, "names", ScreeningOutcome.FLAGGED, "sandbox_trigger:name_contains_FLAG"),
                tuple(CheckType.ENTITY, "wallets", ScreeningOutcome.FLAGGED, "sandbox_trigger:name_contains_FLAG"),
                tuple(CheckType.WALLET, "wallets", ScreeningOutcome.FAIL, "sandbox_trigger:wallet_ends_dead"));
        assertThat(names.calls()).isZero();
        assertThat(wallets.calls()).isZero();
    }

    @Test
    void sandboxTriggersDoNothingOutsideSandbox() {
        PartyToScreen flagged = party("seller", "REJECT Test Holdings", "0x000000000000000000000000000000000000f1a9");

        List<CheckResult> results = runner.run(request(false, List.of("names"), List.of("wallets"), flagged));

        assertThat(results).extracting(CheckResult::outcome).containsOnly(ScreeningOutcome.PASS);
        assertThat(names.calls()).isEqualTo(1);
        assertThat(wallets.calls()).isEqualTo(1);
    }

    @Test
    void untriggeredSandboxPartiesAreScreenedByTheProviders() {
        names.answering(FakeProvider.verdict(ScreeningOutcome.FAIL, "fake:match:42"));

        List<CheckResult> results = runner.run(request(true, List.of("names"), List.of(), seller));

        assertThat(results).extracting(CheckResult::outcome, CheckResult::reference)
                .containsExactly(tuple(ScreeningOutcome.FAIL, "fake:match:42"));
    }

    @Test
    void anUnknownProviderIsFlaggedForAHuman() {
        List<CheckResult> results = runner.run(request(false, List.of("world_check"), List.of("chainalysis"),
                seller));

        assertThat(results).extracting(CheckResult::provider, CheckResult::outcome, CheckResult::reference)
                .containsExactly(
                        tuple("world_check", ScreeningOutcome.FLAGGED, "unknown_provider:world_check"),
                        tuple("chainalysis", ScreeningOutcome.FLAGGED, "unknown_provider:chainalysis"));
    }

    @Test
    void aPartyWithoutNameOrWalletIsFlaggedForAHuman() {
        PartyToScreen anonymous = party("buyer", null, " ");

        List<CheckResult> results = runner.run(request(false, List.of("names"), List.of("wallets"), anonymous));

        assertThat(results).extracting(CheckResult::outcome, CheckResult::reference).containsExactly(
                tuple(ScreeningOutcome.FLAGGED, "missing_name"),
                tuple(ScreeningOutcome.FLAGGED, "missing_wallet_address"));
        assertThat(names.calls()).isZero();
    }

    @Test
    void aProviderThatCannotAnswerMakesTheScreeningUnavailable() {
        wallets.answering(FakeProvider.failing("connection refused"));

        assertThatThrownBy(() -> runner.run(request(false, List.of("names"), List.of("wallets"), seller)))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessageContaining("'wallets'")
                .hasMessageContaining("connection refused");
        assertThat(wallets.calls()).isEqualTo(2);
    }

    private static PartyToScreen party(String role, String name, String wallet) {
        return new PartyToScreen(UUID.randomUUID(), role, name, wallet, 1);
    }

    private static ScreeningRequest request(boolean sandbox, List<String> entityProviders,
            List<String> walletProviders, PartyToScreen... parties) {
        return new ScreeningRequest(UUID.randomUUID(), sandbox, entityProviders, walletProviders, List.of(parties));
    }
}
