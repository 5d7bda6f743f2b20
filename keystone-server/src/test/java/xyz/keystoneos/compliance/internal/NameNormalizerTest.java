package xyz.keystoneos.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NameNormalizerTest {

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Oceanic Shadow Trading                 | oceanic shadow trading
            OCEANIC   SHADOW\tTRADING              | oceanic shadow trading
            Océanic Shadöw Tràding                 | oceanic shadow trading
            Société Nébuleuse d'Import-Export SA   | societe nebuleuse dimport export
            Müller Straße GmbH & Co. KG            | muller strasse
            Ørsted Æble Łódź                       | orsted aeble lodz
            Oceanic Shadow Trading, L.L.C.         | oceanic shadow trading
            Oceanic Shadow Trading Co., Ltd.       | oceanic shadow trading
            Crimson Lotus Maritime Limited         | crimson lotus maritime
            Acme Holdings Inc.                     | acme holdings
            Smith & Sons                           | smith and sons
            O'Neil-Brown (Europe) plc              | oneil brown europe
            ＡＣＭＥ Ｃｏｒｐ                         | acme
            """)
    void normalisesCaseDiacriticsPunctuationAndLegalForms(String name, String normalised) {
        assertThat(NameNormalizer.normalise(name)).isEqualTo(normalised);
    }

    @Test
    void dropsLegalFormsOnlyAtTheEnd() {
        assertThat(NameNormalizer.normalise("Co Op Bank")).isEqualTo("co op bank");
        assertThat(NameNormalizer.normalise("Inc Publishing Ltd")).isEqualTo("inc publishing");
    }

    @Test
    void keepsTheFirstWordEvenWhenItIsALegalForm() {
        assertThat(NameNormalizer.normalise("Limited")).isEqualTo("limited");
        assertThat(NameNormalizer.normalise("Company Ltd")).isEqualTo("company");
    }

    @Test
    void nothingLeftGivesAnEmptyString() {
        assertThat(NameNormalizer.normalise(null)).isEmpty();
        assertThat(NameNormalizer.normalise("  -- . ''  ")).isEmpty();
    }
}
