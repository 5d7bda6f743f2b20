package xyz.keystoneos.sdk.resources;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import xyz.keystoneos.sdk.model.ComplianceDecision;
import xyz.keystoneos.sdk.model.Settlement;

/**
 * Compliance decisions on flagged settlements (asynchronous): shortcuts for
 * {@link SettlementsResource#complianceDecision}. Obtain it from
 * {@link xyz.keystoneos.sdk.KeystoneClient#compliance()}.
 */
public final class ComplianceResource {

    private final SettlementsResource settlements;

    /**
     * Creates the resource (internal; use {@link xyz.keystoneos.sdk.KeystoneClient#compliance()}).
     *
     * @param settlements the settlements resource
     */
    public ComplianceResource(SettlementsResource settlements) {
        this.settlements = Objects.requireNonNull(settlements, "settlements");
    }

    /**
     * Approves a flagged settlement: it moves to {@code COMPLIANCE_CLEARED}.
     *
     * @param settlementId the settlement id
     * @return the settlement after the decision; fails with {@link xyz.keystoneos.sdk.ConflictException} when no
     *         review is pending
     */
    public CompletableFuture<Settlement> approve(String settlementId) {
        return settlements.complianceDecision(settlementId, ComplianceDecision.APPROVE, null);
    }

    /**
     * Approves a flagged settlement with a reason, recorded in its events.
     *
     * @param settlementId the settlement id
     * @param reason       why, at most 2000 characters
     * @return the settlement after the decision
     */
    public CompletableFuture<Settlement> approve(String settlementId, String reason) {
        return settlements.complianceDecision(settlementId, ComplianceDecision.APPROVE, reason);
    }

    /**
     * Rejects a flagged settlement: it moves to {@code ROLLED_BACK}.
     *
     * @param settlementId the settlement id
     * @return the settlement after the decision
     */
    public CompletableFuture<Settlement> reject(String settlementId) {
        return settlements.complianceDecision(settlementId, ComplianceDecision.REJECT, null);
    }

    /**
     * Rejects a flagged settlement with a reason, recorded in its events.
     *
     * @param settlementId the settlement id
     * @param reason       why, at most 2000 characters
     * @return the settlement after the decision
     */
    public CompletableFuture<Settlement> reject(String settlementId, String reason) {
        return settlements.complianceDecision(settlementId, ComplianceDecision.REJECT, reason);
    }
}
