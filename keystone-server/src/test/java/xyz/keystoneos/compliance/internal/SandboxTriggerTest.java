package xyz.keystoneos.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import xyz.keystoneos.compliance.CheckType;
import xyz.keystoneos.compliance.ProviderVerdict;
import xyz.keystoneos.compliance.ScreeningOutcome;

/** The documented sandbox test triggers (docs/compliance.md). */
class SandboxTriggerTest {

    @ParameterizedTest(name = "name \"{0}\" → {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            Acme FLAG Holdings         | FLAGGED | sandbox_trigger:name_contains_FLAG
            FLAGSHIP Capital           | FLAGGED | sandbox_trigger:name_contains_FLAG
            REJECT Me Ltd              | FAIL    | sandbox_trigger:name_contains_REJECT
            FLAG and REJECT Partners   | FAIL    | sandbox_trigger:name_contains_REJECT
            """)
    void namesContainingATriggerWordGetItsOutcome(String name, ScreeningOutcome outcome, String reference) {
        assertThat(SandboxTrigger.verdictFor(CheckType.ENTITY, name)).contains(new ProviderVerdict(outcome, reference));
    }

    @ParameterizedTest(name = "name \"{0}\" triggers nothing")
    @ValueSource(strings = {"Flagstaff Capital", "flag carrier", "Rejected Goods Co", "Acme Securities", ""})
    void nameTriggersAreCaseSensitive(String name) {
        assertThat(SandboxTrigger.verdictFor(CheckType.ENTITY, name)).isEmpty();
    }

    @ParameterizedTest(name = "wallet {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0x00000000000000000000000000000000000dead | FAIL    | sandbox_trigger:wallet_ends_dead
            0x000000000000000000000000000000000000DEAD | FAIL    | sandbox_trigger:wallet_ends_dead
            0x000000000000000000000000000000000000f1a9 | FLAGGED | sandbox_trigger:wallet_ends_f1a9
            0x000000000000000000000000000000000000F1A9 | FLAGGED | sandbox_trigger:wallet_ends_f1a9
            """)
    void walletsEndingInATriggerGetItsOutcomeWhateverTheCase(String wallet, ScreeningOutcome outcome,
            String reference) {
        assertThat(SandboxTrigger.verdictFor(CheckType.WALLET, wallet))
                .contains(new ProviderVerdict(outcome, reference));
    }

    @Test
    void triggersOnlyApplyToTheirOwnCheck() {
        assertThat(SandboxTrigger.verdictFor(CheckType.WALLET, "0xFLAG")).isEmpty();
        assertThat(SandboxTrigger.verdictFor(CheckType.ENTITY, "Dead Sea Salt dead")).isEmpty();
        assertThat(SandboxTrigger.verdictFor(CheckType.WALLET, "0xdeadbeef00000000000000000000000000000001"))
                .isEmpty();
    }

    @Test
    void noSubjectTriggersNothing() {
        assertThat(SandboxTrigger.verdictFor(CheckType.ENTITY, null)).isEmpty();
    }
}
