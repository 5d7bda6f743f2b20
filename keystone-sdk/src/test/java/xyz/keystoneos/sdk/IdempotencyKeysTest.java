package xyz.keystoneos.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeysTest {

    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void generatesACanonicalLowercaseUuidV4() {
        String key = IdempotencyKeys.generate();
        assertThat(key).matches(UUID_V4);
        assertThat(UUID.fromString(key).version()).isEqualTo(4);
    }

    @Test
    void generatesADifferentKeyEachTime() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            keys.add(IdempotencyKeys.generate());
        }
        assertThat(keys).hasSize(1000);
    }

    @Test
    void prefixesTheUuidWithADash() {
        String key = IdempotencyKeys.generate("my-prefix");
        assertThat(key).matches("my-prefix-" + UUID_V4);
    }

    @Test
    void acceptsAPrefixOfExactlyTwoHundredCharacters() {
        String prefix = "p".repeat(200);
        assertThat(IdempotencyKeys.generate(prefix)).startsWith(prefix + "-").hasSize(200 + 1 + 36);
    }

    @Test
    void refusesAPrefixLongerThanTwoHundredCharacters() {
        assertThatThrownBy(() -> IdempotencyKeys.generate("p".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 200 characters");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t"})
    void refusesANullOrBlankPrefix(String prefix) {
        assertThatThrownBy(() -> IdempotencyKeys.generate(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null or blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my prefix", "tab\there", "line\nbreak", "nbsp\u00a0", "bell\u0007"})
    void refusesWhitespaceOrControlCharactersInThePrefix(String prefix) {
        assertThatThrownBy(() -> IdempotencyKeys.generate(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whitespace or control characters");
    }
}
