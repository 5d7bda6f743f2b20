package xyz.keystoneos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One settlement event as the API answers it ({@code GET /v1/settlements/{id}/events}), kept close to the wire:
 * states as strings (a custom template's states too), the payload as JSON, the hashes and the exact timestamp.
 */
public record TimelineEvent(String id, String settlementId, int sequence, String fromState, String toState,
        String triggeredBy, JsonNode payload, String evidenceHash, String contentHash, Instant createdAt) {

    public static TimelineEvent of(JsonNode node) {
        Instant createdAt;
        try {
            createdAt = node.hasNonNull("created_at") ? Instant.parse(node.get("created_at").asText()) : null;
        } catch (DateTimeParseException e) {
            createdAt = null;
        }
        return new TimelineEvent(text(node, "id"), text(node, "settlement_id"), node.path("sequence").asInt(0),
                text(node, "from_state"), text(node, "to_state"), text(node, "triggered_by"), node.get("payload"),
                text(node, "evidence_hash"), text(node, "content_hash"), createdAt);
    }

    /** The items of an events answer ({@code {items: [...]}}), by sequence. */
    public static List<TimelineEvent> list(JsonNode answer) {
        List<TimelineEvent> events = new ArrayList<>();
        answer.path("items").forEach(item -> events.add(of(item)));
        events.sort(java.util.Comparator.comparingInt(TimelineEvent::sequence));
        return events;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
