package xyz.keystoneos.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryConfigTest {

    /** A generator whose nextDouble() always returns the same value. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static final double ALMOST_ONE = Math.nextDown(1.0);

    @Test
    void defaultsMatchTheSpecification() {
        RetryConfig config = RetryConfig.defaults();
        assertThat(config.maxRetries()).isEqualTo(3);
        assertThat(config.baseDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.retryableStatuses()).containsExactly(429, 500, 502, 503, 504);
        assertThat(config.retryOnConnectionErrors()).isTrue();
        assertThat(RetryConfig.builder().build()).isEqualTo(config);
    }

    @Test
    void noneNeverRetries() {
        RetryConfig none = RetryConfig.none();
        assertThat(none.maxRetries()).isZero();
        assertThat(none.retryOnConnectionErrors()).isFalse();
    }

    @Test
    void retriesOnlyTheConfiguredStatuses() {
        RetryConfig config = RetryConfig.defaults();
        assertThat(config.isRetryableStatus(429)).isTrue();
        assertThat(config.isRetryableStatus(503)).isTrue();
        assertThat(config.isRetryableStatus(501)).isFalse();
        assertThat(config.isRetryableStatus(400)).isFalse();
        assertThat(config.isRetryableStatus(404)).isFalse();
        assertThat(config.isRetryableStatus(409)).isFalse();

        RetryConfig custom = RetryConfig.builder().retryableStatuses(Set.of(503)).build();
        assertThat(custom.isRetryableStatus(503)).isTrue();
        assertThat(custom.isRetryableStatus(429)).isFalse();
    }

    @Test
    void backoffCapDoublesWithEachRetry() {
        RetryConfig config = RetryConfig.builder().random(fixed(ALMOST_ONE)).build();
        assertThat(config.delayBefore(1, null)).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
        assertThat(config.delayBefore(2, null)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
        assertThat(config.delayBefore(3, null)).isBetween(Duration.ofMillis(1999), Duration.ofMillis(2000));
        assertThat(config.delayBefore(4, null)).isBetween(Duration.ofMillis(3999), Duration.ofMillis(4000));
    }

    @Test
    void fullJitterScalesTheCapByTheRandomFraction() {
        assertThat(RetryConfig.builder().random(fixed(0.0)).build().delayBefore(3, null)).isEqualTo(Duration.ZERO);
        assertThat(RetryConfig.builder().random(fixed(0.5)).build().delayBefore(3, null))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryConfig.builder().random(fixed(0.25)).build().delayBefore(1, null))
                .isEqualTo(Duration.ofMillis(125));
    }

    @Test
    void delayNeverExceedsMaxDelayEvenForHugeRetryNumbers() {
        RetryConfig config = RetryConfig.builder().random(fixed(ALMOST_ONE)).build();
        for (int retry : new int[] {7, 8, 20, 62, 63, 64, 1000, Integer.MAX_VALUE}) {
            assertThat(config.delayBefore(retry, null))
                    .as("retry %d", retry)
                    .isLessThanOrEqualTo(Duration.ofSeconds(30))
                    .isGreaterThan(Duration.ofMillis(29_999));
        }
    }

    @Test
    void realRandomDelaysStayWithinBounds() {
        RetryConfig config = RetryConfig.builder().random(new SplittableRandom(42)).build();
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Duration delay = config.delayBefore(2, null);
            assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(1));
            seen.add(delay);
        }
        assertThat(seen).as("delays are jittered").hasSizeGreaterThan(900);
        Duration withDefaultRandom = RetryConfig.defaults().delayBefore(1, null);
        assertThat(withDefaultRandom).isBetween(Duration.ZERO, Duration.ofMillis(500));
    }

    @Test
    void retryAfterIsAFloorForTheDelay() {
        RetryConfig config = RetryConfig.builder().random(fixed(0.0)).build();
        assertThat(config.delayBefore(1, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        RetryConfig high = RetryConfig.builder().random(fixed(ALMOST_ONE)).build();
        assertThat(high.delayBefore(4, Duration.ofSeconds(1)))
                .as("backoff longer than Retry-After wins")
                .isGreaterThan(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterIsHonouredBeyondMaxDelayUpToFiveMinutes() {
        RetryConfig config = RetryConfig.builder().random(fixed(0.0)).build();
        assertThat(config.delayBefore(1, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.delayBefore(1, Duration.ofHours(3))).isEqualTo(RetryConfig.MAX_RETRY_AFTER);
        assertThat(RetryConfig.MAX_RETRY_AFTER).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void zeroOrNegativeRetryAfterIsIgnored() {
        RetryConfig config = RetryConfig.builder().random(fixed(0.5)).build();
        assertThat(config.delayBefore(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(config.delayBefore(1, Duration.ofSeconds(-5))).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void refusesRetryNumbersBelowOne() {
        assertThatThrownBy(() -> RetryConfig.defaults().delayBefore(0, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retryNumber must be at least 1");
    }

    @Test
    void validatesBuilderArguments() {
        assertThatThrownBy(() -> RetryConfig.builder().maxRetries(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetries must not be negative");
        assertThatThrownBy(() -> RetryConfig.builder().baseDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseDelay must not be negative");
        assertThatThrownBy(() -> RetryConfig.builder().maxDelay(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay must not be null");
        assertThatThrownBy(() -> RetryConfig.builder().baseDelay(Duration.ofSeconds(10)).maxDelay(Duration.ofSeconds(5))
                .build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be shorter than baseDelay");
        assertThatThrownBy(() -> RetryConfig.builder().retryableStatuses(Set.of(42)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 100 and 599");
        assertThatThrownBy(() -> RetryConfig.builder().retryableStatuses(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isImmutableAndCopiesWithToBuilder() {
        Set<Integer> statuses = new HashSet<>(Set.of(503));
        RetryConfig config = RetryConfig.builder().retryableStatuses(statuses).maxRetries(5).build();
        statuses.add(500);
        assertThat(config.retryableStatuses()).containsExactly(503);
        assertThatThrownBy(() -> config.retryableStatuses().add(500)).isInstanceOf(UnsupportedOperationException.class);

        RetryConfig changed = config.toBuilder().maxRetries(1).build();
        assertThat(changed.maxRetries()).isEqualTo(1);
        assertThat(changed.retryableStatuses()).containsExactly(503);
        assertThat(config.maxRetries()).isEqualTo(5);
    }

    @Test
    void zeroDelaysAreAllowed() {
        RetryConfig config = RetryConfig.builder().baseDelay(Duration.ZERO).maxDelay(Duration.ZERO).build();
        assertThat(config.delayBefore(3, null)).isEqualTo(Duration.ZERO);
    }
}
