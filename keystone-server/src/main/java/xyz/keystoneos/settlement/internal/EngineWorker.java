package xyz.keystoneos.settlement.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.shared.database.ChannelWakeUp;

/**
 * Runs engine jobs on this node: {@code keystone.engine.workers} virtual threads lease due jobs with
 * {@code FOR UPDATE SKIP LOCKED} (so nodes never take the same job), run them, and delete them; a failed job is
 * retried with exponential backoff and jitter (capped at 5 minutes). A node that stops gracefully hands its leases
 * back; a lease left by a crashed node expires after {@link #LEASE} and the job runs again. Workers sleep until {@code NOTIFY keystone_engine_jobs} or for at most
 * {@link #POLL}.
 */
@Component
class EngineWorker implements SmartLifecycle {

    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration POLL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(EngineWorker.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final SettlementEngine engine;
    private final RepoMaturity maturity;
    private final int workerCount;
    private final String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private final ChannelWakeUp wakeUp;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    EngineWorker(JdbcClient jdbc, TransactionTemplate transactions, DataSource dataSource, SettlementEngine engine,
            RepoMaturity maturity, @Value("${keystone.engine.workers:4}") int workerCount) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.engine = engine;
        this.maturity = maturity;
        this.workerCount = workerCount;
        this.wakeUp = new ChannelWakeUp(dataSource, EngineJobs.CHANNEL, POLL);
    }

    private record Job(long id, UUID settlementId, String kind, int generation, int attempts) {
    }

    @Override
    public void start() {
        running = true;
        wakeUp.start();
        for (int i = 0; i < workerCount; i++) {
            threads.add(Thread.ofVirtual().name("engine-worker-" + i).start(this::work));
        }
    }

    @Override
    public void stop() {
        running = false;
        wakeUp.stop();
        // No interrupts: a worker finishes its current job, so no pooled connection is torn down mid-statement.
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        releaseLeases();
    }

    /** On a graceful stop, jobs this node had leased become available to other nodes at once. */
    private void releaseLeases() {
        try {
            jdbc.sql("update engine_jobs set leased_by = null, leased_until = null where leased_by = :node")
                    .param("node", nodeId).update();
        } catch (RuntimeException e) {
            log.warn("Could not release this node's engine job leases; they expire after {}", LEASE, e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running) {
            try {
                Optional<Job> job = lease();
                if (job.isPresent()) {
                    run(job.get());
                } else {
                    wakeUp.await();
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Engine worker error; retrying shortly", e);
                    wakeUp.await();
                }
            }
        }
    }

    private Optional<Job> lease() {
        return transactions.execute(status -> jdbc.sql("""
                update engine_jobs set leased_by = :node, leased_until = now() + make_interval(secs => :lease),
                                       attempts = attempts + 1
                where id = (select id from engine_jobs
                            where run_at <= now() and (leased_until is null or leased_until < now())
                            order by run_at limit 1 for update skip locked)
                returning id, settlement_id, kind, generation, attempts""")
                .param("node", nodeId).param("lease", LEASE.toSeconds())
                .query((rs, n) -> new Job(rs.getLong("id"), rs.getObject("settlement_id", UUID.class),
                        rs.getString("kind"), rs.getInt("generation"), rs.getInt("attempts")))
                .optional());
    }

    private void run(Job job) {
        try {
            switch (job.kind()) {
                case "advance" -> engine.advance(job.settlementId());
                case "timeout" -> engine.timeOut(job.settlementId());
                case "maturity" -> maturity.mature(job.settlementId(), SettlementEngine.ENGINE);
                default -> throw new IllegalStateException("Unknown job kind " + job.kind());
            }
            transactions.executeWithoutResult(status -> {
                int deleted = jdbc.sql("delete from engine_jobs where id = :id and generation = :generation")
                        .param("id", job.id()).param("generation", job.generation()).update();
                if (deleted == 0) {
                    // Scheduled again while running: release it so it runs once more.
                    jdbc.sql("""
                            update engine_jobs set leased_by = null, leased_until = null, attempts = 0
                            where id = :id and leased_by = :node""")
                            .param("id", job.id()).param("node", nodeId).update();
                }
            });
        } catch (RuntimeException e) {
            Duration backoff = backoff(job.attempts());
            log.warn("Engine job {} ({}) for settlement {} failed on attempt {}; retrying in {}", job.id(),
                    job.kind(), job.settlementId(), job.attempts(), backoff, e);
            transactions.executeWithoutResult(status -> jdbc.sql("""
                    update engine_jobs set run_at = now() + make_interval(secs => :delay), leased_by = null,
                                           leased_until = null, last_error = :error
                    where id = :id""")
                    .param("delay", backoff.toMillis() / 1000.0).param("error", String.valueOf(e.getMessage()))
                    .param("id", job.id()).update());
        }
    }

    static Duration backoff(int attempts) {
        long base = Math.min(300_000L, 500L * (1L << Math.min(attempts, 20)));
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }




}
