package xyz.keystoneos.sdk.resources;

import static xyz.keystoneos.sdk.internal.Futures.await;

import java.util.Objects;
import xyz.keystoneos.sdk.model.Settlement;

/**
 * Compliance decisions, blocking: see {@link ComplianceResource}. Obtain it from
 * {@link xyz.keystoneos.sdk.KeystoneSyncClient#compliance()}.
 */
public final class ComplianceSyncResource {

    private final ComplianceResource async;

    /**
     * Wraps the asynchronous resource (internal; use {@link xyz.keystoneos.sdk.KeystoneSyncClient#compliance()}).
     *
     * @param async the asynchronous resource
     */
    public ComplianceSyncResource(ComplianceResource async) {
        this.async = Objects.requireNonNull(async, "async");
    }

    /**
     * Approves a flagged settlement.
     *
     * @param settlementId the settlement id
     * @return the settlement after the decision
     * @throws xyz.keystoneos.sdk.ConflictException when no review is pending
     */
    public Settlement approve(String settlementId) {
        return await(async.approve(settlementId));
    }

    /**
     * Approves a flagged settlement with a reason.
     *
     * @param settlementId the settlement id
     * @param reason       why
     * @return the settlement after the decision
     */
    public Settlement approve(String settlementId, String reason) {
        return await(async.approve(settlementId, reason));
    }

    /**
     * Rejects a flagged settlement (it rolls back).
     *
     * @param settlementId the settlement id
     * @return the settlement after the decision
     */
    public Settlement reject(String settlementId) {
        return await(async.reject(settlementId));
    }

    /**
     * Rejects a flagged settlement with a reason (it rolls back).
     *
     * @param settlementId the settlement id
     * @param reason       why
     * @return the settlement after the decision
     */
    public Settlement reject(String settlementId, String reason) {
        return await(async.reject(settlementId, reason));
    }
}
