package xyz.keystoneos.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.compliance.ProviderVerdict;
import xyz.keystoneos.compliance.ScreeningOutcome;

/** The built-in provider against the shipped (fictional) sample list. */
class SanctionsListProviderTest {

    private static final SanctionsListProvider PROVIDER = new SanctionsListProvider(SanctionsListProvider.read(
            new ClassPathResource("compliance/sanctions-sample.json"), JsonMapper.builder().build()));

    @ParameterizedTest(name = "\"{0}\" fails as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Oceanic Shadow Trading LLC             | KS-SAMPLE-E001
            Oceanic Shadow Trading                 | KS-SAMPLE-E001
            OCÉANIC SHADÖW TRADING, L.L.C.         | KS-SAMPLE-E001
            Oceanic Shadow Trading Co., Ltd.       | KS-SAMPLE-E001
            Shadow Oceanic Trading Inc             | KS-SAMPLE-E001
            OST Maritime Holdings                  | KS-SAMPLE-E001
            Crimson Lotus Maritime Limited         | KS-SAMPLE-E002
            Societe Nebuleuse d'Import Export      | KS-SAMPLE-E005
            Nébuleuse Import-Export S.A.           | KS-SAMPLE-E005
            Quillfeather, Mordecai                 | KS-SAMPLE-E006
            Mordechai Quilfeather                  | KS-SAMPLE-E006
            Mordecai Quilfether                    | KS-SAMPLE-E006
            Greyfjord Bunkerin                     | KS-SAMPLE-E004
            Ysolde Varnakov                        | KS-SAMPLE-E007
            """)
    void listedNamesTheirVariantsAndOneLetterMisspellingsFail(String name, String entryId) {
        assertThat(PROVIDER.screenEntity(name))
                .isEqualTo(new ProviderVerdict(ScreeningOutcome.FAIL, "sanctions_list:match:" + entryId));
    }

    @ParameterizedTest(name = "\"{0}\" is flagged as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Oceanic Shadow Trading Middle East     | KS-SAMPLE-E001
            Crimson Lotus Marine                   | KS-SAMPLE-E002
            Crimson Maritime                       | KS-SAMPLE-E002
            Meridian Logistics                     | KS-SAMPLE-E003
            Nebuleuse Export                       | KS-SAMPLE-E005
            Mordecai Quill                         | KS-SAMPLE-E006
            Ysolda Varnakovna                      | KS-SAMPLE-E007
            """)
    void nearMissesAreFlaggedForAHuman(String name, String entryId) {
        assertThat(PROVIDER.screenEntity(name))
                .isEqualTo(new ProviderVerdict(ScreeningOutcome.FLAGGED, "sanctions_list:possible_match:" + entryId));
    }

    @ParameterizedTest(name = "\"{0}\" passes")
    @ValueSource(strings = {"Acme Securities", "Beta Capital", "BNY Mellon Fund A", "Oceanic Holdings",
            "Pacific Shadow Trading", "Oceania Shipping Partners", "Crimson Tide Capital", "Greyfjord Fisheries",
            "Lotus Flower Maritime", "Meridian Velvet Upholstery", "Mordecai Featherstone", "Oceanic", "", "   "})
    void similarButDifferentNamesPass(String name) {
        assertThat(PROVIDER.screenEntity(name))
                .isEqualTo(new ProviderVerdict(ScreeningOutcome.PASS, "sanctions_list:clear"));
    }

    @Test
    void listedWalletsFailWhateverTheirCase() {
        assertThat(PROVIDER.screenWallet("0x5CA1AB1E5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1E", 1))
                .isEqualTo(new ProviderVerdict(ScreeningOutcome.FAIL, "sanctions_list:match:KS-SAMPLE-W001"));
        assertThat(PROVIDER.screenWallet(" 0x0bad5eed0bad5eed0bad5eed0bad5eed0bad5eed ", 137))
                .isEqualTo(new ProviderVerdict(ScreeningOutcome.FAIL, "sanctions_list:match:KS-SAMPLE-W002"));
    }

    @Test
    void otherWalletsPass() {
        assertThat(PROVIDER.screenWallet("0x5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1f", 1))
                .isEqualTo(new ProviderVerdict(ScreeningOutcome.PASS, "sanctions_list:clear"));
    }

    @Test
    void isNamedAsTemplatesNameIt() {
        assertThat(PROVIDER.name()).isEqualTo("sanctions_list");
    }
}
