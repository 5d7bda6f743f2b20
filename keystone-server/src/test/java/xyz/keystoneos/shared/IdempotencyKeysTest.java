package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import xyz.keystoneos.shared.idempotency.IdempotencyKeys;
import xyz.keystoneos.shared.web.ApiException;

class IdempotencyKeysTest {

    @Test
    void takesTheKeyFromTheBodyOrTheHeader() {
        assertThat(IdempotencyKeys.resolve("a", null, true)).isEqualTo("a");
        assertThat(IdempotencyKeys.resolve(null, "b", true)).isEqualTo("b");
        assertThat(IdempotencyKeys.resolve("c", "c", true)).isEqualTo("c");
    }

    @Test
    void optionalKeyMayBeAbsent() {
        assertThat(IdempotencyKeys.resolve(null, null, false)).isNull();
    }

    @Test
    void requiredKeyMustBePresent() {
        assertThatThrownBy(() -> IdempotencyKeys.resolve(null, null, true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(400));
    }

    @Test
    void bodyAndHeaderMustAgree() {
        assertThatThrownBy(() -> IdempotencyKeys.resolve("a", "b", false))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.errors()).extracting("field").containsExactly("idempotency_key"));
    }

    @Test
    void blankOrOverlongKeysAreRefused() {
        assertThatThrownBy(() -> IdempotencyKeys.resolve(" ", null, false)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> IdempotencyKeys.resolve("x".repeat(256), null, false))
                .isInstanceOf(ApiException.class);
        assertThat(IdempotencyKeys.resolve("x".repeat(255), null, false)).hasSize(255);
    }
}
