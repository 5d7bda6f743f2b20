package xyz.keystoneos.settlement.internal.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Tamper evidence of the settlement audit trail (SPEC §7).
 * <ul>
 * <li>{@code evidence_hash} = SHA-256 of {@code from:to:triggered_by} ({@code from} empty for the first event).</li>
 * <li>{@code content_hash} = SHA-256 of {@code previous_content_hash|settlement_id|sequence|from|to|triggered_by|
 * payload|evidence_hash|created_at}, where the first event's previous hash is 64 zeros, {@code payload} is the
 * stored canonical JSON text and {@code created_at} is ISO-8601 UTC with microseconds.</li>
 * </ul>
 * Changing, removing or reordering any event breaks every later {@code content_hash}.
 */
public final class EventChain {

    public static final String GENESIS = "0".repeat(64);

    private EventChain() {
    }

    public record Link(UUID settlementId, int sequence, String fromState, String toState, String triggeredBy,
            String payloadJson, String evidenceHash, Instant createdAt, String contentHash) {
    }

    public static String evidenceHash(String fromState, String toState, String triggeredBy) {
        return sha256((fromState == null ? "" : fromState) + ":" + toState + ":" + triggeredBy);
    }

    public static String contentHash(String previousContentHash, UUID settlementId, int sequence, String fromState,
            String toState, String triggeredBy, String payloadJson, String evidenceHash, Instant createdAt) {
        return sha256(String.join("|", previousContentHash, settlementId.toString(), Integer.toString(sequence),
                fromState == null ? "" : fromState, toState, triggeredBy, payloadJson, evidenceHash,
                createdAt.toString()));
    }

    /** The sequence number of the first link that does not verify, or -1 when the whole chain is intact. */
    public static int firstBrokenLink(List<Link> links) {
        String previous = GENESIS;
        int expectedSequence = 1;
        for (Link link : links) {
            boolean intact = link.sequence() == expectedSequence
                    && link.evidenceHash().equals(evidenceHash(link.fromState(), link.toState(), link.triggeredBy()))
                    && link.contentHash().equals(contentHash(previous, link.settlementId(), link.sequence(),
                            link.fromState(), link.toState(), link.triggeredBy(), link.payloadJson(),
                            link.evidenceHash(), link.createdAt()));
            if (!intact) {
                return link.sequence();
            }
            previous = link.contentHash();
            expectedSequence++;
        }
        return -1;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
