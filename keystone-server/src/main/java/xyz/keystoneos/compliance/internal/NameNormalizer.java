package xyz.keystoneos.compliance.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Brings a legal or personal name into the form the sanctions list compares: Unicode NFKD with diacritics removed,
 * a few letters that have no decomposition spelled out ({@code ß → ss}, {@code ø → o} …), lower case, {@code &}
 * read as "and", dots and apostrophes dropped ({@code S.A. → sa}, {@code O'Neil → oneil}), every other punctuation
 * turned into a space, and legal-form suffixes ({@code ltd}, {@code llc}, {@code gmbh} …) removed from the end.
 * The result is the remaining words separated by single spaces; an empty string when nothing is left.
 */
final class NameNormalizer {

    /** Legal-form words dropped from the end of a name (after dots are removed, so "L.L.C." is "llc"). */
    static final Set<String> LEGAL_FORMS = Set.of("ltd", "llc", "inc", "corp", "corporation", "incorporated", "sa",
            "ag", "gmbh", "plc", "limited", "company", "co", "llp", "lp", "bv", "nv", "srl", "spa", "sarl", "sas",
            "ab", "as", "asa", "aps", "oy", "oyj", "kg", "kft", "pte", "pty", "pvt", "ltda", "jsc", "pjsc", "ooo",
            "fze", "fzco", "sdn", "bhd");

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DROPPED_PUNCTUATION = Pattern.compile("[.'\u2019`\u00b4]");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Map<String, String> UNDECOMPOSABLE_LETTERS = Map.of("ß", "ss", "æ", "ae", "œ", "oe",
            "ø", "o", "đ", "d", "ð", "d", "ł", "l", "þ", "th", "ı", "i", "ħ", "h");

    private NameNormalizer() {
    }

    static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String text = Normalizer.normalize(name, Normalizer.Form.NFKD);
        text = COMBINING_MARKS.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> letter : UNDECOMPOSABLE_LETTERS.entrySet()) {
            text = text.replace(letter.getKey(), letter.getValue());
        }
        text = text.replace("&", " and ");
        text = DROPPED_PUNCTUATION.matcher(text).replaceAll("");
        text = SEPARATORS.matcher(text).replaceAll(" ").strip();
        if (text.isEmpty()) {
            return "";
        }
        return String.join(" ", withoutLegalForms(Arrays.asList(text.split(" "))));
    }

    /** Drops trailing legal forms ("co ltd", "gmbh and co kg") but always keeps the first word. */
    private static List<String> withoutLegalForms(List<String> words) {
        List<String> kept = new ArrayList<>(words);
        boolean dropped = false;
        while (kept.size() > 1) {
            String last = kept.getLast();
            if (LEGAL_FORMS.contains(last) || (dropped && last.equals("and"))) {
                kept.removeLast();
                dropped = true;
            } else {
                break;
            }
        }
        return kept;
    }
}
