package xyz.keystoneos.compliance;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * State of a provider's circuit breaker: {@code closed} (calls go through), {@code open} (calls fail at once until
 * the wait has passed) or {@code half_open} (a trial call decides whether to close or open again).
 */
public enum CircuitState {
    @JsonProperty("closed") CLOSED,
    @JsonProperty("open") OPEN,
    @JsonProperty("half_open") HALF_OPEN
}
