package xyz.keystoneos.settlement;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import xyz.keystoneos.shared.web.Quantity;

/**
 * Everything needed to create a settlement. The owner is the platform environment that created it (directly, or
 * by submitting the first instruction).
 *
 * @param settlementCategory null, {@code repo_open} or {@code repo_close}
 * @param repayment          for {@code repo_open}: the cash the buyer-turned-lender receives back at maturity
 * @param triggeredBy        who created it, for the first event ({@code m2m:<client_id>}, {@code system:engine})
 */
public record NewSettlement(UUID ownerPlatformId, UUID ownerEnvironmentId, String environmentKind,
        String idempotencyKey, String templateIdOrSlug, String externalReference, Instant timeoutAt,
        String settlementCategory, UUID parentSettlementId, Instant maturityAt, Quantity repayment, String repoRate,
        List<NewParty> parties, List<NewLeg> legs, String triggeredBy, Map<String, Object> eventPayload) {
}
