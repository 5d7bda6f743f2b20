package xyz.keystoneos.identity.internal;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import xyz.keystoneos.shared.database.RelaxedCommitConnections;

/**
 * Per-environment request budgets (SPEC §3): {@code rate_limit_rpm} tokens refilled evenly over a minute, kept
 * by Bucket4j in PostgreSQL ({@code rate_limit_buckets}, one row locked {@code FOR UPDATE} per request), so every
 * node draws from the same budget. Changing an environment's limit starts a fresh bucket (the key contains the
 * limit). When the budget cannot be read (database trouble) the request is let through and the failure logged:
 * the request needs the same database and fails on its own if it is really down.
 *
 * <p>One bucket proxy per environment and limit is kept, with Bucket4j's batching optimisation: requests of one
 * environment that arrive while a database round trip is under way are combined into the next one, so a busy
 * environment costs one locked row update per batch instead of one per request, with exactly the same accounting.
 */
@Component
class RateLimits {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** The outcome of taking one request from an environment's budget, with the values of the headers. */
    record Decision(boolean allowed, long limit, long remaining, long resetEpochSeconds, long retryAfterSeconds) {
    }

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final boolean enabled;
    private final java.util.concurrent.ConcurrentMap<UUID, Budget> budgets = new java.util.concurrent.ConcurrentHashMap<>();

    /** The bucket of an environment for one limit; replaced when the limit changes. */
    private record Budget(int rpm, io.github.bucket4j.distributed.BucketProxy bucket) {
    }

    /** The buckets live on connections whose commits do not wait for the WAL flush (see RelaxedCommitConnections). */
    RateLimits(RelaxedCommitConnections connections, @Value("${keystone.rate-limits.enabled:true}") boolean enabled) {
        this.enabled = enabled;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(connections.dataSource())
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(WINDOW))
                .build();
    }

    /** Takes one request from the environment's budget of {@code rpm} requests per minute. */
    Decision take(UUID environmentId, int rpm) {
        long now = Instant.now().getEpochSecond();
        if (!enabled) {
            return new Decision(true, rpm, rpm, now, 0);
        }
        ConsumptionProbe probe;
        try {
            probe = budget(environmentId, rpm).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            log.warn("Rate limit budget of environment {} could not be read; letting the request through",
                    environmentId, e);
            return new Decision(true, rpm, rpm, now, 0);
        }
        long missing = rpm - probe.getRemainingTokens();
        long secondsToFull = (long) Math.ceil(missing * (double) WINDOW.toSeconds() / rpm);
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
        return new Decision(probe.isConsumed(), rpm, probe.getRemainingTokens(), now + secondsToFull, retryAfter);
    }

    private io.github.bucket4j.distributed.BucketProxy budget(UUID environmentId, int rpm) {
        return budgets.compute(environmentId, (id, current) -> current != null && current.rpm() == rpm ? current
                : new Budget(rpm, buckets.builder()
                        .withOptimization(io.github.bucket4j.distributed.proxy.optimization.Optimizations.batching())
                        .build("env:" + id + ":" + rpm, () -> BucketConfiguration.builder()
                                .addLimit(limit -> limit.capacity(rpm).refillGreedy(rpm, WINDOW))
                                .build())))
                .bucket();
    }

    /** Drops buckets idle long enough to be full again (their rows would say nothing a new bucket would not). */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT5M")
    void removeIdleBuckets() {
        try {
            int removed;
            do {
                removed = buckets.removeExpired(1000);
            } while (removed == 1000);
        } catch (RuntimeException e) {
            log.warn("Could not remove idle rate limit buckets", e);
        }
    }
}
