package xyz.keystoneos.compliance;

import java.time.Instant;

/**
 * How a compliance provider has been answering, for {@code /v1/admin/providers/health}.
 *
 * @param provider            the provider's name as templates use it
 * @param state               its circuit breaker's state
 * @param consecutiveFailures failed calls (errors and timeouts) since its last successful call
 * @param lastFailureAt       when the last failed call happened; {@code null} when none has failed yet
 * @param lastFailureMessage  what went wrong then (exception type and message, shortened); {@code null} likewise
 */
public record ProviderHealth(String provider, CircuitState state, int consecutiveFailures, Instant lastFailureAt,
        String lastFailureMessage) {
}
