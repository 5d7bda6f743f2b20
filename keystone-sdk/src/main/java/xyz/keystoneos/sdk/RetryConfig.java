package xyz.keystoneos.sdk;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * When and how long the SDK waits before repeating a failed request. Immutable and thread-safe; build one with
 * {@link #builder()}, or use {@link #defaults()} or {@link #none()}.
 *
 * <p>Defaults: at most {@value #DEFAULT_MAX_RETRIES} retries (so at most four attempts), a base delay of 0.5 s, a
 * maximum delay of 30 s, retries on the statuses 429, 500, 502, 503 and 504 and on connection errors.
 *
 * <p>The delay before retry {@code n} (1 for the first retry) is chosen uniformly at random between zero and
 * {@code min(maxDelay, baseDelay * 2^(n-1))} ("exponential backoff with full jitter"), which spreads out the
 * retries of many clients failing at the same moment. When the server sent a {@code Retry-After}, the delay is at
 * least that long: {@code Retry-After} is honoured even beyond {@code maxDelay}, up to
 * {@link #MAX_RETRY_AFTER} (5 minutes), so a misbehaving server cannot stall a client for hours.
 *
 * <p>The client retries a {@code POST} only when it carries an idempotency key, so a retry can never create a
 * second resource.
 */
public final class RetryConfig {

    /** Default {@link #maxRetries()}: {@value}. */
    public static final int DEFAULT_MAX_RETRIES = 3;

    /** Default {@link #baseDelay()}: 0.5 seconds. */
    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(500);

    /** Default {@link #maxDelay()}: 30 seconds. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

    /** Default {@link #retryableStatuses()}: 429, 500, 502, 503 and 504. */
    public static final Set<Integer> DEFAULT_RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);

    /**
     * The longest {@code Retry-After} that {@link #delayBefore(int, Duration)} honours: 5 minutes. A longer
     * {@code Retry-After} is treated as 5 minutes.
     */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    /** Largest duration whose nanoseconds fit in a long (about 292 years). */
    private static final Duration NANOS_LIMIT = Duration.ofNanos(Long.MAX_VALUE);

    private static final RetryConfig DEFAULTS = builder().build();

    private static final RetryConfig NONE = builder().maxRetries(0).retryOnConnectionErrors(false).build();

    private final int maxRetries;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Set<Integer> retryableStatuses;
    private final boolean retryOnConnectionErrors;
    /** The random source for jitter; null means {@link ThreadLocalRandom#current()} at each call. */
    private final RandomGenerator random;

    private RetryConfig(Builder builder) {
        this.maxRetries = builder.maxRetries;
        this.baseDelay = builder.baseDelay;
        this.maxDelay = builder.maxDelay;
        this.retryableStatuses = Collections.unmodifiableSet(new TreeSet<>(builder.retryableStatuses));
        this.retryOnConnectionErrors = builder.retryOnConnectionErrors;
        this.random = builder.random;
    }

    /**
     * Returns a builder preset with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the default configuration: 3 retries, 0.5 s base delay, 30 s maximum delay, statuses 429, 500, 502,
     * 503 and 504, and connection errors.
     *
     * @return the default configuration
     */
    public static RetryConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a configuration that never retries: every failure is reported at once.
     *
     * @return a configuration with zero retries
     */
    public static RetryConfig none() {
        return NONE;
    }

    /**
     * Returns a builder preset with this configuration's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .maxRetries(maxRetries)
                .baseDelay(baseDelay)
                .maxDelay(maxDelay)
                .retryableStatuses(retryableStatuses)
                .retryOnConnectionErrors(retryOnConnectionErrors);
        builder.random = random;
        return builder;
    }

    /**
     * Returns the most retries made after the first attempt; 0 means no retries.
     *
     * @return the maximum number of retries, at least 0
     */
    public int maxRetries() {
        return maxRetries;
    }

    /**
     * Returns the delay cap of the first retry; each further retry doubles it, up to {@link #maxDelay()}.
     *
     * @return the base delay
     */
    public Duration baseDelay() {
        return baseDelay;
    }

    /**
     * Returns the longest backoff delay (a {@code Retry-After} from the server may be longer, see
     * {@link #delayBefore(int, Duration)}).
     *
     * @return the maximum delay
     */
    public Duration maxDelay() {
        return maxDelay;
    }

    /**
     * Returns the HTTP statuses that are retried.
     *
     * @return an unmodifiable, sorted set of statuses
     */
    public Set<Integer> retryableStatuses() {
        return retryableStatuses;
    }

    /**
     * Returns whether requests that got no answer at all (connection refused or reset, timeout) are retried.
     *
     * @return {@code true} when connection errors are retried
     */
    public boolean retryOnConnectionErrors() {
        return retryOnConnectionErrors;
    }

    /**
     * Returns whether an answer with this status is retried.
     *
     * @param status an HTTP status code
     * @return {@code true} when {@code status} is one of {@link #retryableStatuses()}
     */
    public boolean isRetryableStatus(int status) {
        return retryableStatuses.contains(status);
    }

    /**
     * Returns how long to wait before retry number {@code retryNumber}.
     *
     * <p>The backoff is a uniformly random duration between zero and
     * {@code min(maxDelay, baseDelay * 2^(retryNumber-1))}. When {@code retryAfter} is given (the server's
     * {@code Retry-After}), the result is at least {@code min(retryAfter, MAX_RETRY_AFTER)}, even when that exceeds
     * {@link #maxDelay()}. A zero or negative {@code retryAfter} is ignored.
     *
     * @param retryNumber which retry this is: 1 for the first retry (the second attempt), 2 for the next, …
     * @param retryAfter  the wait the server asked for, or {@code null} when it asked for none
     * @return the delay, never negative and never {@code null}
     * @throws IllegalArgumentException if {@code retryNumber} is less than 1
     */
    public Duration delayBefore(int retryNumber, Duration retryAfter) {
        if (retryNumber < 1) {
            throw new IllegalArgumentException("retryNumber must be at least 1 (the first retry), was " + retryNumber);
        }
        Duration cap = backoffCap(retryNumber);
        double fraction = (random != null ? random : ThreadLocalRandom.current()).nextDouble();
        if (!(fraction >= 0.0 && fraction < 1.0)) { // also catches NaN from a misbehaving generator
            fraction = 0.0;
        }
        Duration delay = cap.compareTo(NANOS_LIMIT) <= 0
                ? Duration.ofNanos((long) (cap.toNanos() * fraction))
                : Duration.ofMillis((long) (cap.toMillis() * fraction));
        if (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) {
            Duration floor = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
            if (delay.compareTo(floor) < 0) {
                delay = floor;
            }
        }
        return delay;
    }

    /** Returns {@code min(maxDelay, baseDelay * 2^(retryNumber-1))} without overflowing. */
    private Duration backoffCap(int retryNumber) {
        int shift = retryNumber - 1;
        if (shift >= 62) {
            return maxDelay;
        }
        long factor = 1L << shift;
        // baseDelay * factor <= maxDelay  <=>  baseDelay <= maxDelay / factor (up to rounding, which only matters
        // at the nanosecond level and is then settled by the cap anyway)
        if (baseDelay.compareTo(maxDelay.dividedBy(factor)) > 0) {
            return maxDelay;
        }
        Duration grown = baseDelay.multipliedBy(factor);
        return grown.compareTo(maxDelay) > 0 ? maxDelay : grown;
    }

    /**
     * Compares the settings (not the random source).
     *
     * @param other another object
     * @return {@code true} when {@code other} is a {@code RetryConfig} with the same settings
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof RetryConfig that
                && maxRetries == that.maxRetries
                && retryOnConnectionErrors == that.retryOnConnectionErrors
                && baseDelay.equals(that.baseDelay)
                && maxDelay.equals(that.maxDelay)
                && retryableStatuses.equals(that.retryableStatuses);
    }

    /**
     * Hashes the settings (not the random source).
     *
     * @return a hash code consistent with {@link #equals(Object)}
     */
    @Override
    public int hashCode() {
        return Objects.hash(maxRetries, baseDelay, maxDelay, retryableStatuses, retryOnConnectionErrors);
    }

    /**
     * Describes the settings.
     *
     * @return a readable form of this configuration
     */
    @Override
    public String toString() {
        return "RetryConfig[maxRetries=" + maxRetries + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
                + ", retryableStatuses=" + retryableStatuses + ", retryOnConnectionErrors=" + retryOnConnectionErrors
                + "]";
    }

    /**
     * Builds a {@link RetryConfig}. Starts with the defaults; each setter validates its argument at once. Not
     * thread-safe; the built configuration is.
     */
    public static final class Builder {

        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration baseDelay = DEFAULT_BASE_DELAY;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private Set<Integer> retryableStatuses = DEFAULT_RETRYABLE_STATUSES;
        private boolean retryOnConnectionErrors = true;
        private RandomGenerator random;

        private Builder() {
        }

        /**
         * Sets the most retries after the first attempt (default 3); 0 disables retrying.
         *
         * @param maxRetries the maximum number of retries, at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code maxRetries} is negative
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Sets the delay cap of the first retry (default 0.5 s); it doubles with each further retry.
         *
         * @param baseDelay the base delay, zero or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code baseDelay} is null or negative
         */
        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = requireNonNegative(baseDelay, "baseDelay");
            return this;
        }

        /**
         * Sets the longest backoff delay (default 30 s). Must not be shorter than the base delay (checked by
         * {@link #build()}).
         *
         * @param maxDelay the maximum delay, zero or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code maxDelay} is null or negative
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = requireNonNegative(maxDelay, "maxDelay");
            return this;
        }

        /**
         * Sets the HTTP statuses that are retried (default 429, 500, 502, 503, 504), replacing the previous set.
         * An empty set retries no status.
         *
         * @param statuses HTTP status codes, each between 100 and 599
         * @return this builder
         * @throws IllegalArgumentException if {@code statuses} is null or holds null or an impossible status
         */
        public Builder retryableStatuses(Set<Integer> statuses) {
            if (statuses == null) {
                throw new IllegalArgumentException("retryableStatuses must not be null (use an empty set for none)");
            }
            Set<Integer> copy = new TreeSet<>();
            for (Integer status : statuses) {
                if (status == null || status < 100 || status > 599) {
                    throw new IllegalArgumentException(
                            "retryableStatuses must hold HTTP statuses between 100 and 599, found " + status);
                }
                copy.add(status);
            }
            this.retryableStatuses = copy;
            return this;
        }

        /**
         * Sets whether requests that got no answer (connection refused or reset, timeout) are retried
         * (default {@code true}).
         *
         * @param retry whether to retry connection errors
         * @return this builder
         */
        public Builder retryOnConnectionErrors(boolean retry) {
            this.retryOnConnectionErrors = retry;
            return this;
        }

        /**
         * Sets the random source of the jitter; meant for tests that need predictable delays. By default each
         * call uses {@link ThreadLocalRandom#current()}. The generator must be thread-safe if the configuration
         * is shared between threads.
         *
         * @param random the random source, or {@code null} for the default
         * @return this builder
         */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return a new immutable configuration
         * @throws IllegalArgumentException if the maximum delay is shorter than the base delay
         */
        public RetryConfig build() {
            if (maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException(
                        "maxDelay (" + maxDelay + ") must not be shorter than baseDelay (" + baseDelay + ")");
            }
            return new RetryConfig(this);
        }

        private static Duration requireNonNegative(Duration value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + value);
            }
            return value;
        }
    }
}
