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
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Per-environment request budgets (SPEC §3): {@code rate_limit_rpm} tokens refilled evenly over a minute, kept
 * by Bucket4j in PostgreSQL ({@code rate_limit_buckets}, one row locked {@code FOR UPDATE} per request), so every
 * node draws from the same budget. Changing an environment's limit starts a fresh bucket (the key contains the
 * limit). When the budget cannot be read (database trouble) the request is let through and the failure logged:
 * the request needs the same database and fails on its own if it is really down.
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

    RateLimits(DataSource dataSource, @Value("${keystone.rate-limits.enabled:true}") boolean enabled) {
        this.enabled = enabled;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
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
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(rpm).refillGreedy(rpm, WINDOW))
                .build();
        ConsumptionProbe probe;
        try {
            probe = buckets.builder().build("env:" + environmentId + ":" + rpm, () -> configuration)
                    .tryConsumeAndReturnRemaining(1);
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
