package xyz.keystoneos.sdk.model;

/**
 * The result of recomputing a settlement's event hash chain: any edited, removed or reordered event shows as the
 * first broken link.
 *
 * @param settlementId        the settlement
 * @param valid               whether the chain is intact
 * @param events              how many events were checked
 * @param firstBrokenSequence the sequence of the first broken link, or {@code null} when valid
 * @param headHash            the content hash of the last event, or {@code null} when there are none
 */
public record EvidenceCheck(String settlementId, boolean valid, int events, Integer firstBrokenSequence,
        String headHash) {
}
