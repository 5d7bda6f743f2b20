package xyz.keystoneos.compliance.internal;

import java.time.Duration;

/**
 * How every provider call is guarded ({@code keystone.compliance.providers.*}). Unset values take the defaults.
 *
 * @param timeout           longest wait for one call (default 5 s)
 * @param maxRetries        retries after a failed call, so {@code maxRetries + 1} attempts (default 2)
 * @param initialBackoff    pause before the first retry (default 200 ms)
 * @param backoffMultiplier factor applied to the pause before each further retry (default 2)
 * @param failureThreshold  consecutive failed calls that open the circuit breaker (default 5)
 * @param openDuration      how long an open breaker refuses calls before letting a trial call through (default 30 s)
 */
public record ProviderGuardSettings(Duration timeout, Integer maxRetries, Duration initialBackoff,
        Double backoffMultiplier, Integer failureThreshold, Duration openDuration) {

    public ProviderGuardSettings {
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        maxRetries = maxRetries == null ? 2 : maxRetries;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        backoffMultiplier = backoffMultiplier == null ? 2.0 : backoffMultiplier;
        failureThreshold = failureThreshold == null ? 5 : failureThreshold;
        openDuration = openDuration == null ? Duration.ofSeconds(30) : openDuration;
        require(timeout.isPositive(), "timeout must be positive");
        require(maxRetries >= 0, "max-retries must be 0 or more");
        require(initialBackoff.isPositive(), "initial-backoff must be positive");
        require(backoffMultiplier >= 1, "backoff-multiplier must be 1 or more");
        require(failureThreshold >= 1, "failure-threshold must be 1 or more");
        require(openDuration.isPositive(), "open-duration must be positive");
    }

    public static ProviderGuardSettings defaults() {
        return new ProviderGuardSettings(null, null, null, null, null, null);
    }

    private static void require(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException("keystone.compliance.providers." + problem);
        }
    }
}
