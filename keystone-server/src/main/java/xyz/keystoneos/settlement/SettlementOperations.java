package xyz.keystoneos.settlement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

/**
 * What operators may do with and know about settlements across every platform (the admin API). Implemented inside
 * the module; every change goes through the same state machine, event chain and outbox as the engine's.
 */
public interface SettlementOperations {

    /** A settlement as operators see it in lists (no party or leg details). */
    record Summary(UUID id, UUID platformId, UUID environmentId, String environmentKind, String templateSlug,
            int templateVersion, String settlementType, String settlementCategory, String state, int version,
            Instant timeoutAt, Instant createdAt, Instant updatedAt) {
    }

    /** A job on the engine's queue. {@code lastError} is set while the job is failing and backing off. */
    record Job(String kind, Instant runAt, int attempts, String lastError, Instant leasedUntil) {
    }

    /**
     * A settlement that is not finished but has not moved for longer than the threshold, or whose
     * {@code timeout_at} has passed without the engine ending it.
     *
     * @param reason           {@code past_timeout} or {@code no_transition}
     * @param lastTransitionAt when it entered its current state
     */
    record Stuck(UUID id, UUID platformId, UUID environmentId, String templateSlug, String state, int version,
            Instant lastTransitionAt, Instant timeoutAt, long stuckForSeconds, String reason, List<Job> jobs) {
    }

    /** Counts per state (sorted by state), and their sum. */
    record StateCounts(Map<String, Long> counts, long total) {
    }

    record Retried(Summary settlement, int failingJobsRestarted, List<Job> jobs) {
    }

    /** {@code changed} is false when the settlement was already rolled back (nothing was written). */
    record RolledBack(Summary settlement, boolean changed) {
    }

    /**
     * Not-finished settlements that have not moved for at least {@code threshold} or are past their
     * {@code timeout_at}, longest-stuck first.
     *
     * @param platformId only settlements with a party of this platform; {@code null} for all
     */
    Page<Stuck> stuck(Duration threshold, UUID platformId, PageQuery page);

    /** How many settlements are in each state now. */
    StateCounts pipeline(UUID platformId);

    /** How many transitions entered each state during the last {@code period} (creations count for the initial state). */
    StateCounts transitions(Duration period, UUID platformId);

    /**
     * Puts the settlement back on the engine's queue now (failing jobs restart without backoff).
     *
     * @throws xyz.keystoneos.shared.web.ApiException 404 unknown settlement, 409 when it is already finished
     */
    Retried retry(UUID settlementId);

    /**
     * Rolls the settlement back whatever its (non-terminal) state, refunding deposited legs, in one transaction
     * with its event ({@code triggered_by} = {@code triggeredBy}, payload with the reason) and its
     * {@code settlement.state.rolled_back} webhook rows. Idempotent: on a settlement already {@code ROLLED_BACK} it
     * writes nothing and answers it unchanged.
     *
     * @throws xyz.keystoneos.shared.web.ApiException 404 unknown settlement, 409 when it finished otherwise
     *                                                ({@code FINALIZED}, {@code TIMED_OUT})
     */
    RolledBack forceRollback(UUID settlementId, String reason, String triggeredBy);
}
