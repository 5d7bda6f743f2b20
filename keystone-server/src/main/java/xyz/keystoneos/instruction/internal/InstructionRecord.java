package xyz.keystoneos.instruction.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import xyz.keystoneos.instruction.internal.domain.Terms;

/** One stored instruction. Party and legs are kept as submitted (with defaults applied). */
record InstructionRecord(UUID id, UUID platformId, UUID environmentId, String environmentKind, String templateSlug,
        String role, String tradeReference, String status, Party party, List<Leg> legs, Instant timeoutAt,
        Instant expiresAt, String feeMode, String settlementCategory, Instant maturityAt, BigDecimal repaymentAmount,
        String repoRate, String idempotencyKey, UUID settlementId, Instant createdAt, Instant updatedAt) {

    record Party(String externalReference, String name, String walletAddress, long chainId) {
    }

    record Leg(String legType, String instrumentId, String quantity, String direction, long chainId,
            String tokenStandard) {
    }

    Terms terms() {
        return new Terms(templateSlug, role, legs.stream()
                .map(l -> new Terms.LegTerms(l.instrumentId(), new BigDecimal(l.quantity()), l.direction(),
                        l.chainId(), l.legType()))
                .toList(), settlementCategory, maturityAt, repaymentAmount);
    }
}
