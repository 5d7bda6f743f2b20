package xyz.keystoneos.sdk.resources;

import static xyz.keystoneos.sdk.internal.Futures.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import xyz.keystoneos.sdk.KeystoneException;
import xyz.keystoneos.sdk.model.ComplianceDecision;
import xyz.keystoneos.sdk.model.CreateSettlementRequest;
import xyz.keystoneos.sdk.model.EvidenceCheck;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.Settlement;
import xyz.keystoneos.sdk.model.SettlementEvent;
import xyz.keystoneos.sdk.model.SettlementListParams;
import xyz.keystoneos.sdk.model.SettlementState;

/**
 * {@code /v1/settlements}, blocking: the same calls as {@link SettlementsResource}, returning the answer or throwing
 * the {@link KeystoneException} subclass. Obtain it from {@link xyz.keystoneos.sdk.KeystoneSyncClient#settlements()}.
 */
public final class SettlementsSyncResource {

    private final SettlementsResource async;

    /**
     * Wraps the asynchronous resource (internal; use {@link xyz.keystoneos.sdk.KeystoneSyncClient#settlements()}).
     *
     * @param async the asynchronous resource
     */
    public SettlementsSyncResource(SettlementsResource async) {
        this.async = Objects.requireNonNull(async, "async");
    }

    /**
     * Creates a settlement; see {@link SettlementsResource#create}.
     *
     * @param request the settlement
     * @return the new settlement
     */
    public Settlement create(CreateSettlementRequest request) {
        return await(async.create(request));
    }

    /**
     * Returns a settlement; see {@link SettlementsResource#get}.
     *
     * @param id the settlement id
     * @return the settlement
     * @throws xyz.keystoneos.sdk.NotFoundException when it does not exist or is not visible to you
     */
    public Settlement get(String id) {
        return await(async.get(id));
    }

    /**
     * Returns the first page of settlements; see {@link SettlementsResource#list()}.
     *
     * @return the page
     */
    public Page<Settlement> list() {
        return await(async.list());
    }

    /**
     * Returns a page of settlements; see {@link SettlementsResource#list(SettlementListParams)}.
     *
     * @param params filters and paging
     * @return the page
     */
    public Page<Settlement> list(SettlementListParams params) {
        return await(async.list(params));
    }

    /**
     * Returns every matching settlement, fetching pages lazily while you iterate.
     *
     * @param params filters; its limit is the page size
     * @return the iterable (also {@link AutoPagingIterable#stream()})
     */
    public AutoPagingIterable<Settlement> listAutoPaging(SettlementListParams params) {
        return async.listAutoPaging(params);
    }

    /**
     * Returns a settlement's audit trail; see {@link SettlementsResource#events}.
     *
     * @param id the settlement id
     * @return the events, by sequence
     */
    public List<SettlementEvent> events(String id) {
        return await(async.events(id));
    }

    /**
     * Recomputes the event hash chain; see {@link SettlementsResource#evidence}.
     *
     * @param id the settlement id
     * @return the check
     */
    public EvidenceCheck evidence(String id) {
        return await(async.evidence(id));
    }

    /**
     * Decides on a flagged settlement; see {@link SettlementsResource#complianceDecision}.
     *
     * @param id       the settlement id
     * @param decision approve or reject
     * @param reason   why, or {@code null}
     * @return the settlement after the decision
     */
    public Settlement complianceDecision(String id, ComplianceDecision decision, String reason) {
        return await(async.complianceDecision(id, decision, reason));
    }

    /**
     * Polls a settlement on the calling thread until it reaches a state (or any terminal state), or the timeout
     * passes. Meant for scripts and tests; production code should react to webhooks instead.
     *
     * @param id           the settlement id
     * @param target       the state to wait for
     * @param timeout      how long to wait at most
     * @param pollInterval the pause between reads
     * @return the settlement in {@code target}, or in a terminal state if it ended elsewhere
     * @throws KeystoneException when the timeout passes first (or the thread is interrupted), or a read fails
     */
    public Settlement awaitState(String id, SettlementState target, Duration timeout, Duration pollInterval) {
        Objects.requireNonNull(target, "target must not be null");
        Objects.requireNonNull(timeout, "timeout must not be null");
        Objects.requireNonNull(pollInterval, "pollInterval must not be null");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Settlement settlement = get(id);
            if (settlement.state() == target || settlement.isTerminal()) {
                return settlement;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new KeystoneException("Settlement " + id + " did not reach " + target + " within " + timeout
                        + " (still " + settlement.state() + ")");
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeystoneException("Interrupted while waiting for settlement " + id, e);
            }
        }
    }
}
