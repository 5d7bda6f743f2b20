package xyz.keystoneos.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameSimilarityTest {

    @Test
    void equalNamesAndReorderedWordsScoreOne() {
        assertThat(score("Oceanic Shadow Trading", "Oceanic Shadow Trading LLC")).isEqualTo(1.0);
        assertThat(score("Petrovsky, Ivan", "Ivan Petrovsky")).isEqualTo(1.0);
    }

    @Test
    void misspellingsScoreHigh() {
        assertThat(score("Zephyr Nightingdale", "Zephyr Nightingale")).isGreaterThan(0.97);
        assertThat(score("Ivana Petrovska", "Ivan Petrovsky")).isBetween(0.88, 0.97);
    }

    @Test
    void aNameContainingEveryWordOfAListedNameIsAtLeastFlagged() {
        assertThat(score("Atlas Freight Lines Middle East", "Atlas Freight Lines"))
                .isGreaterThanOrEqualTo(NameSimilarity.CONTAINED_NAME_SCORE);
    }

    @Test
    void sharingOneWordOrAPrefixIsNotEnough() {
        assertThat(score("Oceanic Holdings", "Oceanic Shadow Trading")).isLessThan(0.88);
        assertThat(score("Zara Nightingale", "Zephyr Nightingale")).isLessThan(0.88);
        assertThat(score("Nightingale", "Zephyr Nightingale")).isLessThan(0.88);
    }

    @Test
    void emptyNamesScoreZero() {
        assertThat(NameSimilarity.score("", "oceanic")).isZero();
        assertThat(NameSimilarity.score("oceanic", "")).isZero();
    }

    @Test
    void tokenSetScorePairsSimilarWordsWhateverTheirOrder() {
        assertThat(NameSimilarity.tokenSetScore(List.of("shadow", "oceanic"), List.of("oceanic", "shadow")))
                .isEqualTo(1.0);
        assertThat(NameSimilarity.tokenSetScore(List.of("oceanic"), List.of("pacific"))).isZero();
    }

    private static double score(String screened, String listed) {
        return NameSimilarity.score(NameNormalizer.normalise(screened), NameNormalizer.normalise(listed));
    }
}
