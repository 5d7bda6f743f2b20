package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xyz.keystoneos.shared.web.Quantity;

class QuantityTest {

    @ParameterizedTest
    @ValueSource(strings = {"1", "1000000", "0.5", "12.000001",
            "115792089237316195423570985008687907853269984665640564039457584007913129639935"})
    void acceptsPositiveDecimalStrings(String text) {
        assertThat(Quantity.parse(text).value()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "-1", "1e6", "1,000", " 1", "01", ".5", "5.", "NaN", "abc", "",
            "1234567890123456789012345678901234567890123456789012345678901234567890123456789"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> Quantity.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalValuesAreEqualWhateverTheirScale() {
        assertThat(Quantity.parse("10.50")).isEqualTo(Quantity.parse("10.5"));
        assertThat(Quantity.parse("10.50").hashCode()).isEqualTo(Quantity.parse("10.5").hashCode());
        assertThat(Quantity.parse("10.50").text()).isEqualTo("10.5");
    }

    @Test
    void largeIntegersPrintWithoutExponent() {
        assertThat(Quantity.parse("1000000000000000000000").text()).isEqualTo("1000000000000000000000");
        assertThat(Quantity.parse("100").text()).isEqualTo("100");
    }
}
