package xyz.keystoneos.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Recomputes a settlement's event hash chain on the client, exactly as the server builds it:
 * <ul>
 * <li>{@code evidence_hash} = hex SHA-256 of {@code from:to:triggered_by} ({@code from} empty for the first
 * event);</li>
 * <li>{@code content_hash} = hex SHA-256 of {@code previous|settlement_id|sequence|from|to|triggered_by|payload|
 * evidence_hash|created_at}, joined with {@code |}, where the first event's previous hash is 64 zeros,
 * {@code payload} is canonical JSON (keys sorted at every level, no whitespace) and {@code created_at} is the
 * ISO-8601 UTC instant ({@code Instant.toString()}, microseconds);</li>
 * <li>sequences are 1, 2, 3 … without gaps.</li>
 * </ul>
 * The first link that fails any of these is the broken one: editing, removing or reordering an event breaks it
 * and every later {@code content_hash}.
 */
public final class EventChainVerifier {

    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** The check of one event. */
    public record Link(int sequence, String toState, boolean sequenceOk, boolean evidenceOk, boolean contentOk,
            String expectedContentHash, String contentHash) {

        public boolean intact() {
            return sequenceOk && evidenceOk && contentOk;
        }

        /** What is wrong, for people. */
        public String problem() {
            List<String> problems = new ArrayList<>();
            if (!sequenceOk) {
                problems.add("sequence out of order or missing");
            }
            if (!evidenceOk) {
                problems.add("evidence_hash does not match from:to:triggered_by");
            }
            if (!contentOk) {
                problems.add("content_hash " + abbreviate(contentHash) + " != recomputed "
                        + abbreviate(expectedContentHash));
            }
            return String.join("; ", problems);
        }
    }

    /** The check of a whole chain. */
    public record Result(List<Link> links, Integer firstBrokenSequence, String headHash) {

        public boolean valid() {
            return firstBrokenSequence == null;
        }
    }

    private EventChainVerifier() {
    }

    public static Result verify(List<TimelineEvent> events) {
        List<Link> links = new ArrayList<>();
        String previous = GENESIS;
        int expectedSequence = 1;
        Integer firstBroken = null;
        for (TimelineEvent event : events) {
            boolean sequenceOk = event.sequence() == expectedSequence;
            String evidence = evidenceHash(event.fromState(), event.toState(), event.triggeredBy());
            boolean evidenceOk = evidence.equals(event.evidenceHash());
            String expected = contentHash(previous, event);
            boolean contentOk = expected.equals(event.contentHash());
            Link link = new Link(event.sequence(), event.toState(), sequenceOk, evidenceOk, contentOk, expected,
                    event.contentHash());
            links.add(link);
            if (!link.intact() && firstBroken == null) {
                firstBroken = event.sequence();
            }
            // continue along the chain as stored, so that every later link is judged on its own
            previous = event.contentHash() == null ? "" : event.contentHash();
            expectedSequence++;
        }
        return new Result(links, firstBroken, events.isEmpty() ? null : events.get(events.size() - 1).contentHash());
    }

    public static String evidenceHash(String fromState, String toState, String triggeredBy) {
        return sha256((fromState == null ? "" : fromState) + ":" + toState + ":" + triggeredBy);
    }

    static String contentHash(String previous, TimelineEvent event) {
        return sha256(String.join("|", previous, String.valueOf(event.settlementId()),
                Integer.toString(event.sequence()), event.fromState() == null ? "" : event.fromState(),
                String.valueOf(event.toState()), String.valueOf(event.triggeredBy()), canonical(event.payload()),
                String.valueOf(event.evidenceHash()),
                event.createdAt() == null ? "" : event.createdAt().toString()));
    }

    /** Canonical JSON of a payload: keys sorted at every level, no whitespace ({@code null} for none). */
    public static String canonical(JsonNode payload) {
        try {
            if (payload == null || payload.isNull() || payload.isMissingNode()) {
                return "null";
            }
            Object value = CANONICAL.treeToValue(payload, Object.class);
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot canonicalise a payload", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String hash) {
        return hash == null ? "(none)" : hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
