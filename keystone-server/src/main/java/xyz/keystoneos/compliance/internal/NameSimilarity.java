package xyz.keystoneos.compliance.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * How alike a screened name is to a listed name, from 0 (nothing alike) to 1 (the same), both already
 * {@link NameNormalizer normalised}:
 * <ol>
 * <li>equal strings, or the same words in another order, score 1;</li>
 * <li>otherwise the score is the mean of a <em>character score</em> (Jaro-Winkler of the two strings, or of their
 * words sorted alphabetically, whichever is higher) and a <em>token-set score</em> (words of both names paired
 * best-first by Jaro-Winkler, pairs below {@value #TOKEN_PAIR_MINIMUM} ignored, each pair counting its similarity
 * times its length, divided by the length of all words): misspellings keep both scores high, while names that
 * only share a word or a prefix lose on the token-set score;</li>
 * <li>a screened name that contains every word of a listed name of two or more words ("Oceanic Shadow Trading
 * Middle East" against "Oceanic Shadow Trading") scores at least {@value #CONTAINED_NAME_SCORE}.</li>
 * </ol>
 */
final class NameSimilarity {

    static final double TOKEN_PAIR_MINIMUM = 0.85;
    static final double CONTAINED_NAME_SCORE = 0.90;

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private NameSimilarity() {
    }

    static double score(String screened, String listed) {
        if (screened.isEmpty() || listed.isEmpty()) {
            return 0;
        }
        if (screened.equals(listed)) {
            return 1;
        }
        List<String> screenedWords = words(screened);
        List<String> listedWords = words(listed);
        String screenedSorted = sorted(screenedWords);
        String listedSorted = sorted(listedWords);
        if (screenedSorted.equals(listedSorted)) {
            return 1;
        }
        double characters = Math.max(JARO_WINKLER.apply(screened, listed),
                JARO_WINKLER.apply(screenedSorted, listedSorted));
        double blended = (characters + tokenSetScore(screenedWords, listedWords)) / 2;
        if (listedWords.size() >= 2 && new HashSet<>(screenedWords).containsAll(listedWords)) {
            return Math.max(blended, CONTAINED_NAME_SCORE);
        }
        return blended;
    }

    /** Length-weighted share of the words of both names that pair up with a similar word of the other name. */
    static double tokenSetScore(List<String> left, List<String> right) {
        record Pair(int left, int right, double similarity) {
        }
        List<Pair> candidates = new ArrayList<>();
        for (int l = 0; l < left.size(); l++) {
            for (int r = 0; r < right.size(); r++) {
                double similarity = JARO_WINKLER.apply(left.get(l), right.get(r));
                if (similarity >= TOKEN_PAIR_MINIMUM) {
                    candidates.add(new Pair(l, r, similarity));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Pair::similarity).reversed());
        boolean[] leftUsed = new boolean[left.size()];
        boolean[] rightUsed = new boolean[right.size()];
        double matched = 0;
        for (Pair pair : candidates) {
            if (!leftUsed[pair.left()] && !rightUsed[pair.right()]) {
                leftUsed[pair.left()] = true;
                rightUsed[pair.right()] = true;
                matched += pair.similarity() * (left.get(pair.left()).length() + right.get(pair.right()).length());
            }
        }
        return matched / (totalLength(left) + totalLength(right));
    }

    private static List<String> words(String normalised) {
        return Arrays.asList(normalised.split(" "));
    }

    private static String sorted(List<String> words) {
        return String.join(" ", words.stream().sorted().toList());
    }

    private static int totalLength(List<String> words) {
        return words.stream().mapToInt(String::length).sum();
    }
}
