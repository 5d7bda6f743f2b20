package xyz.keystoneos.webhook.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes successful deliveries in batches: up to {@link #BATCH} attempts, delivery updates and endpoint clears in
 * one transaction of three statements, instead of a transaction per delivery. Successes are most of the traffic;
 * failures keep their per-delivery path. The delivery stays leased until its batch commits, so nothing else picks it
 * up; if the node dies first, the lease expires and the event is sent again (at least once). A batch the database
 * refuses (it is restarting, say) is written again with growing pauses until it succeeds or its leases expire, so a
 * short outage does not make receivers get those events a second time. A success that ends an
 * endpoint's failing streak brings that endpoint's waiting retries forward ({@link #bringRetriesForward}).
 */
final class SuccessRecorder {

    static final int BATCH = 500;
    static final Duration MAX_WAIT = Duration.ofMillis(20);
    /** Pauses between attempts to write a batch the database refused: doubling from the first to the last. */
    static final Duration RETRY_PAUSE_MIN = Duration.ofMillis(200);
    static final Duration RETRY_PAUSE_MAX = Duration.ofSeconds(5);
    /** The window over which a recovered endpoint's waiting retries are spread. */
    static final Duration RECOVERY_SPREAD = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(SuccessRecorder.class);

    record Success(UUID deliveryId, UUID endpointId, int attempt, WebhookSender.Outcome outcome) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String nodeId;
    private final LinkedBlockingQueue<Success> queue = new LinkedBlockingQueue<>();
    /** The batch being written, kept across failed attempts; touched only by the writer thread (and after it). */
    private final List<Success> unwritten = new ArrayList<>();
    private volatile boolean running = true;
    private final Thread writer;

    SuccessRecorder(JdbcClient jdbc, TransactionTemplate transactions, String nodeId) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.nodeId = nodeId;
        this.writer = Thread.ofVirtual().name("webhook-success-recorder").start(this::run);
    }

    void add(Success success) {
        queue.add(success);
    }

    /** Writes what is queued and stops. */
    void close() {
        running = false;
        try {
            writer.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void run() {
        Duration pause = RETRY_PAUSE_MIN;
        while (running) {
            try {
                if (unwritten.isEmpty()) {
                    Success first = queue.poll(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    unwritten.add(first);
                    queue.drainTo(unwritten, BATCH - 1);
                }
                write(unwritten);
                if (pause.compareTo(RETRY_PAUSE_MIN) > 0) {
                    log.info("Recorded {} webhook successes that had waited for the database", unwritten.size());
                }
                unwritten.clear();
                pause = RETRY_PAUSE_MIN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                int dropped = dropThoseWhoseLeaseExpired(Instant.now());
                if (pause.equals(RETRY_PAUSE_MIN)) {
                    log.warn("Could not record {} webhook successes; retrying until their leases expire",
                            unwritten.size(), e);
                }
                if (dropped > 0) {
                    log.warn("Gave up recording {} webhook successes: their leases expired, so they are sent again",
                            dropped);
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(RETRY_PAUSE_MAX) > 0 ? RETRY_PAUSE_MAX : pause.multipliedBy(2);
            }
        }
    }

    /**
     * A success is worth recording only while its delivery may still be this node's: once the lease has run out
     * another node may lease and send it again, and the success is dropped (at least once, as after a crash).
     */
    int dropThoseWhoseLeaseExpired(Instant now) {
        int before = unwritten.size();
        unwritten.removeIf(success -> success.outcome().startedAt().plus(WebhookDispatcher.LEASE).isBefore(now));
        return before - unwritten.size();
    }

    private void flush() {
        List<Success> rest = new ArrayList<>(unwritten);
        unwritten.clear();
        queue.drainTo(rest);
        for (int from = 0; from < rest.size(); from += BATCH) {
            write(rest.subList(from, Math.min(rest.size(), from + BATCH)));
        }
    }

    private void write(List<Success> batch) {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        UUID[] deliveries = new UUID[n];
        Integer[] attempts = new Integer[n];
        String[] started = new String[n];
        Integer[] durations = new Integer[n];
        Integer[] statuses = new Integer[n];
        String[] excerpts = new String[n];
        for (int i = 0; i < n; i++) {
            Success s = batch.get(i);
            ids[i] = UUID.randomUUID();
            deliveries[i] = s.deliveryId();
            attempts[i] = s.attempt();
            started[i] = s.outcome().startedAt().toString();
            durations[i] = (int) s.outcome().durationMillis();
            statuses[i] = s.outcome().statusCode();
            excerpts[i] = s.outcome().responseExcerpt();
        }
        UUID[] endpoints = batch.stream().map(Success::endpointId).distinct().toArray(UUID[]::new);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    insert into webhook_attempts (id, delivery_id, attempt, started_at, duration_ms, status_code,
                                                  response_excerpt)
                    select * from unnest(cast(:ids as uuid[]), cast(:deliveries as uuid[]), cast(:attempts as int[]),
                                         cast(:started as timestamptz[]), cast(:durations as int[]),
                                         cast(:statuses as int[]), cast(:excerpts as text[]))
                    on conflict (delivery_id, attempt) do nothing""")
                    .param("ids", ids).param("deliveries", deliveries).param("attempts", attempts)
                    .param("started", started).param("durations", durations).param("statuses", statuses)
                    .param("excerpts", excerpts).update();
            jdbc.sql("""
                    update webhook_deliveries d
                    set status = 'succeeded', last_status_code = v.status, last_error = null, last_attempt_at = v.started,
                        completed_at = now(), leased_by = null, leased_until = null
                    from unnest(cast(:deliveries as uuid[]), cast(:statuses as int[]),
                                cast(:started as timestamptz[])) as v(id, status, started)
                    where d.id = v.id and d.leased_by = :node""")
                    .param("deliveries", deliveries).param("statuses", statuses).param("started", started)
                    .param("node", nodeId).update();
            List<UUID> recovered = jdbc.sql("""
                    update webhook_endpoints set failing_since = null
                    where id = any(cast(:endpoints as uuid[])) and failing_since is not null
                    returning id""")
                    .param("endpoints", endpoints).query(UUID.class).list();
            if (!recovered.isEmpty()) {
                bringRetriesForward(recovered);
            }
        });
    }

    /**
     * An endpoint that was failing has just accepted a delivery: it is back. Its deliveries waiting for a later
     * retry (up to 5 min after the second failure, hours after later ones) become due within
     * {@link #RECOVERY_SPREAD}, at random points so they do not all arrive at once; the endpoint's lane still caps
     * how many are leased and sent at a time. Deliveries held by a lease are left alone.
     */
    private void bringRetriesForward(List<UUID> recovered) {
        int brought = jdbc.sql("""
                update webhook_deliveries
                set next_attempt_at = now() + random() * make_interval(secs => :spread)
                where endpoint_id = any(cast(:endpoints as uuid[])) and status = 'pending'
                  and next_attempt_at > now() + make_interval(secs => :spread)
                  and (leased_until is null or leased_until < now())""")
                .param("endpoints", recovered.toArray(UUID[]::new)).param("spread", RECOVERY_SPREAD.toSeconds())
                .update();
        if (brought > 0) {
            log.info("Webhook endpoint(s) {} accept deliveries again; {} waiting retries brought forward", recovered,
                    brought);
        }
    }

}
