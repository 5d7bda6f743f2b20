package xyz.keystoneos.sdk.model;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a settlement's append-only audit trail.
 *
 * @param id           the event id
 * @param settlementId the settlement
 * @param sequence     1, 2, … per settlement, without gaps
 * @param fromState    the previous state ({@code null} for the first event)
 * @param toState      the new state
 * @param triggeredBy  who caused it: {@code system:engine}, {@code m2m:<client_id>}, {@code user:<id>}, …
 * @param payload      details (reasons, decisions, …)
 * @param evidenceHash SHA-256 of {@code from:to:triggered_by}
 * @param contentHash  hash chaining this event to the previous one
 * @param createdAt    when it happened
 */
public record SettlementEvent(String id, String settlementId, Integer sequence, SettlementState fromState,
        SettlementState toState, String triggeredBy, Map<String, Object> payload, String evidenceHash,
        String contentHash, Instant createdAt) {

    /**
     * Creates an event; the payload is copied ({@code null} becomes empty).
     *
     * @param id           the event id
     * @param settlementId the settlement
     * @param sequence     the sequence number
     * @param fromState    the previous state
     * @param toState      the new state
     * @param triggeredBy  the actor
     * @param payload      the details
     * @param evidenceHash the evidence hash
     * @param contentHash  the chained hash
     * @param createdAt    the time
     */
    public SettlementEvent {
        payload = Copies.map(payload);
    }
}
