package xyz.keystoneos.shared.web;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A token quantity as the API carries it: a decimal <em>string</em> ({@code "1000000"}, {@code "12.5"}), strictly
 * positive, at most 78 integer digits (uint256) and 36 fraction digits. JSON numbers are refused so that no client
 * ever loses precision through a float.
 */
public record Quantity(BigDecimal value) implements Comparable<Quantity> {

    private static final Pattern FORMAT = Pattern.compile("(0|[1-9][0-9]{0,77})(\\.[0-9]{1,36})?");

    public Quantity {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException("must be greater than zero");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Quantity parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("must be a decimal string of up to 78 digits with an optional "
                    + "fraction, such as \"1000.50\"");
        }
        return new Quantity(new BigDecimal(text));
    }

    @JsonValue
    public String text() {
        return value.stripTrailingZeros().toPlainString();
    }

    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Quantity q && value.compareTo(q.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return text();
    }
}
