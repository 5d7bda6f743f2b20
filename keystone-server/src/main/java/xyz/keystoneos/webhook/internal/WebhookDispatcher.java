package xyz.keystoneos.webhook.internal;

import static xyz.keystoneos.shared.database.SqlTimes.instant;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.shared.database.ChannelWakeUp;
import xyz.keystoneos.webhook.EventTypes;
import xyz.keystoneos.webhook.WebhookOutbox;

/**
 * Delivers webhooks from {@code webhook_deliveries} on every node. A poller leases due deliveries of active endpoints
 * with {@code FOR UPDATE SKIP LOCKED} (so no delivery is attempted by two nodes at once) and hands each to a virtual
 * thread that waits for one of its endpoint's {@code max-concurrency-per-endpoint} send slots. A node holds at most
 * {@code max-queued-per-endpoint} leased deliveries per endpoint (the lease query skips endpoints at that bound) and
 * {@code max-in-flight} overall, so a slow or dead endpoint never delays the others and never hoards leases. Each attempt is logged and the delivery moves on in
 * one transaction: success; retry on the {@link RetrySchedule} (honouring {@code Retry-After}); failed after ten
 * attempts; 410 Gone disables the endpoint; an endpoint failing for five days is disabled and
 * {@code webhook.endpoint.disabled} is sent to the platform's other endpoints. A node that stops gracefully hands its
 * leases back; a lease left by a crashed node expires after {@link #LEASE}, so every event is delivered at least
 * once.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    /**
     * Long enough for everything a node may hold for one endpoint to be sent even if every request times out:
     * (queued bound 400 + one lease batch 200) / 64 slots × 15 s ≈ 141 s (keep the ratio when changing the bounds). So no delivery is ever attempted by two
     * nodes at once; a crashed node's deliveries come back after at most this long.
     */
    static final Duration LEASE = Duration.ofMinutes(5);
    static final int LEASE_BATCH = 200;
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration FAILING_LIMIT = Duration.ofDays(5);
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final WebhookSender sender;
    private final EndpointStore endpoints;
    private final WebhookOutbox outbox;
    private final WebhookMetrics metrics;
    private final boolean enabled;
    private final int perEndpoint;
    private final int queuedPerEndpoint;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final Map<UUID, EndpointLane> lanes = new ConcurrentHashMap<>();
    private final String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private final ChannelWakeUp wakeUp;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private SuccessRecorder successes;

    WebhookDispatcher(JdbcClient jdbc, TransactionTemplate transactions, DataSource dataSource, WebhookSender sender,
            EndpointStore endpoints, WebhookOutbox outbox, WebhookMetrics metrics,
            @Value("${keystone.webhooks.dispatcher.enabled:true}") boolean enabled,
            @Value("${keystone.webhooks.max-concurrency-per-endpoint:64}") int perEndpoint,
            @Value("${keystone.webhooks.max-queued-per-endpoint:400}") int queuedPerEndpoint,
            @Value("${keystone.webhooks.max-in-flight:1000}") int maxInFlight) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.sender = sender;
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.metrics = metrics;
        this.enabled = enabled;
        this.perEndpoint = perEndpoint;
        this.queuedPerEndpoint = Math.max(queuedPerEndpoint, perEndpoint);
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.wakeUp = new ChannelWakeUp(dataSource, WebhookOutbox.CHANNEL, POLL);
    }

    /** One endpoint's share of this node: how many of its deliveries are leased here, and its send slots. */
    private final class EndpointLane {
        final Semaphore sendSlots = new Semaphore(perEndpoint);
        final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

        boolean full() {
            return held.get() >= queuedPerEndpoint;
        }
    }

    record Leased(UUID id, UUID endpointId, String eventId, String eventType, int attempt, String payload,
            Endpoint endpoint, Instant eventCreatedAt) {
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        running = true;
        successes = new SuccessRecorder(jdbc, transactions, nodeId);
        wakeUp.start();
        threads.add(Thread.ofVirtual().name("webhook-poller").start(this::poll));
    }

    @Override
    public void stop() {
        running = false;
        wakeUp.stop();
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        try {
            // Let in-flight sends finish (at most the request timeout), then hand back what is still leased.
            if (inFlight.tryAcquire(maxInFlight, sender.timeout().toSeconds() + 5, TimeUnit.SECONDS)) {
                inFlight.release(maxInFlight);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (successes != null) {
            successes.close();
        }
        try {
            jdbc.sql("""
                    update webhook_deliveries set leased_by = null, leased_until = null
                    where leased_by = :node and status = 'pending'""").param("node", nodeId).update();
        } catch (RuntimeException e) {
            log.warn("Could not release this node's webhook leases; they expire after {}", LEASE, e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll() {
        while (running) {
            try {
                int room = inFlight.availablePermits();
                List<Leased> batch = room == 0 ? List.of() : lease(Math.min(room, LEASE_BATCH), fullEndpoints());
                for (Leased delivery : batch) {
                    dispatch(delivery);
                }
                if (batch.isEmpty()) {
                    wakeUp.await();
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Webhook poller error; retrying shortly", e);
                    wakeUp.await();
                }
            }
        }
    }

    private UUID[] fullEndpoints() {
        return lanes.entrySet().stream().filter(e -> e.getValue().full()).map(Map.Entry::getKey)
                .toArray(UUID[]::new);
    }

    private void dispatch(Leased delivery) {
        EndpointLane lane = lanes.computeIfAbsent(delivery.endpointId(), id -> new EndpointLane());
        lane.held.incrementAndGet();
        inFlight.acquireUninterruptibly();
        Thread.ofVirtual().name("webhook-delivery").start(() -> {
            boolean sending = false;
            try {
                lane.sendSlots.acquire();
                sending = true;
                deliver(delivery);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Webhook delivery {} could not be recorded; its lease expires and it runs again",
                        delivery.id(), e);
            } finally {
                if (sending) {
                    lane.sendSlots.release();
                }
                lane.held.decrementAndGet();
                inFlight.release();
                wakeUp.signal();
            }
        });
    }

    private List<Leased> lease(int limit, UUID[] skipEndpoints) {
        return transactions.execute(status -> jdbc.sql("""
                with leased as (
                    update webhook_deliveries d
                    set leased_by = :node, leased_until = now() + make_interval(secs => :lease),
                        attempts = d.attempts + 1
                    where d.id in (select x.id from webhook_deliveries x
                                   join webhook_endpoints e on e.id = x.endpoint_id and e.is_active
                                   where x.status = 'pending' and x.next_attempt_at <= now()
                                     and (x.leased_until is null or x.leased_until < now())
                                     and x.endpoint_id <> all(:skip)
                                   order by x.next_attempt_at limit :limit
                                   for update of x skip locked)
                    returning d.id, d.endpoint_id, d.event_id, d.event_type, d.attempts, d.outbox_id)
                select l.id, l.endpoint_id, l.event_id, l.event_type, l.attempts, o.payload::text as payload,
                       o.created_at as event_created_at,
                       e.platform_id, e.environment_id, e.url, e.description, e.events, e.secret, e.previous_secret,
                       e.previous_secret_valid_until, e.is_active, e.disabled_reason, e.disabled_at, e.failing_since,
                       e.created_at, e.updated_at
                from leased l
                join webhook_outbox o on o.id = l.outbox_id
                join webhook_endpoints e on e.id = l.endpoint_id""")
                .param("node", nodeId).param("lease", LEASE.toSeconds()).param("limit", limit)
                .param("skip", skipEndpoints)
                .query((rs, n) -> new Leased(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class),
                        rs.getString("event_id"), rs.getString("event_type"), rs.getInt("attempts"),
                        rs.getString("payload"), new Endpoint(rs.getObject("endpoint_id", UUID.class),
                        rs.getObject("platform_id", UUID.class), rs.getObject("environment_id", UUID.class),
                        rs.getString("url"), rs.getString("description"),
                        Arrays.asList((String[]) rs.getArray("events").getArray()), rs.getString("secret"),
                        rs.getString("previous_secret"), instant(rs, "previous_secret_valid_until"),
                        rs.getBoolean("is_active"), rs.getString("disabled_reason"), instant(rs, "disabled_at"),
                        instant(rs, "failing_since"), instant(rs, "created_at"), instant(rs, "updated_at")),
                        instant(rs, "event_created_at")))
                .list());
    }


    private void deliver(Leased delivery) {
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        WebhookSender.Outcome outcome = sender.send(delivery.endpoint(), body, delivery.eventId(), delivery.id());
        if (outcome.success()) {
            successes.add(new SuccessRecorder.Success(delivery.id(), delivery.endpointId(), delivery.attempt(),
                    outcome));
            metrics.succeeded(delivery.eventCreatedAt());
        } else {
            metrics.failed(transactions.execute(status -> record(delivery, outcome)));
        }
    }

    /** A failed attempt: logged, then retried later, failed for good, or the endpoint disabled. */
    private WebhookMetrics.Outcome record(Leased delivery, WebhookSender.Outcome outcome) {
        jdbc.sql("""
                insert into webhook_attempts (id, delivery_id, attempt, started_at, duration_ms, status_code, error,
                                              response_excerpt)
                values (:id, :delivery, :attempt, :started, :duration, :status, :error, :excerpt)
                on conflict (delivery_id, attempt) do nothing""")
                .param("id", UUID.randomUUID()).param("delivery", delivery.id()).param("attempt", delivery.attempt())
                .param("started", java.sql.Timestamp.from(outcome.startedAt()))
                .param("duration", (int) outcome.durationMillis()).param("status", outcome.statusCode())
                .param("error", outcome.error()).param("excerpt", outcome.responseExcerpt()).update();
        endpoints.recordFailure(delivery.endpointId());
        if (Integer.valueOf(410).equals(outcome.statusCode())) {
            finish(delivery, outcome, "failed");
            disable(delivery.endpoint(), "the endpoint answered 410 Gone");
            return WebhookMetrics.Outcome.FAILED;
        }
        Duration delay = RetrySchedule.next(delivery.attempt(), outcome.retryAfter());
        if (delay == null) {
            finish(delivery, outcome, "failed");
        } else {
            jdbc.sql("""
                    update webhook_deliveries set last_status_code = :status, last_error = :error,
                        last_attempt_at = :started, next_attempt_at = now() + make_interval(secs => :delay),
                        leased_by = null, leased_until = null
                    where id = :id and leased_by = :node""")
                    .param("status", outcome.statusCode()).param("error", outcome.error())
                    .param("started", java.sql.Timestamp.from(outcome.startedAt()))
                    .param("delay", delay.toMillis() / 1000.0).param("id", delivery.id()).param("node", nodeId)
                    .update();
        }
        boolean failingTooLong = jdbc.sql("""
                select coalesce(failing_since < now() - make_interval(secs => :limit), false)
                from webhook_endpoints where id = :id""")
                .param("limit", FAILING_LIMIT.toSeconds()).param("id", delivery.endpointId())
                .query(Boolean.class).optional().orElse(false);
        if (failingTooLong) {
            disable(delivery.endpoint(), "deliveries have failed for more than 5 days");
        }
        return delay == null ? WebhookMetrics.Outcome.FAILED : WebhookMetrics.Outcome.FAILED_ATTEMPT;
    }

    private void finish(Leased delivery, WebhookSender.Outcome outcome, String status) {
        jdbc.sql("""
                update webhook_deliveries set status = :status, last_status_code = :code, last_error = :error,
                    last_attempt_at = :started, completed_at = now(), leased_by = null, leased_until = null
                where id = :id and leased_by = :node""")
                .param("status", status).param("code", outcome.statusCode()).param("error", outcome.error())
                .param("started", java.sql.Timestamp.from(outcome.startedAt())).param("id", delivery.id())
                .param("node", nodeId).update();
    }

    /** Deactivates the endpoint and tells the platform's other active endpoints, once. */
    private void disable(Endpoint endpoint, String reason) {
        if (!endpoints.disable(endpoint.id(), reason)) {
            return;
        }
        log.info("Disabled webhook endpoint {}: {}", endpoint.id(), reason);
        List<WebhookOutbox.Recipient> recipients = jdbc.sql("""
                select distinct platform_id, environment_id from webhook_endpoints
                where platform_id = :platform and is_active and id <> :id""")
                .param("platform", endpoint.platformId()).param("id", endpoint.id())
                .query((rs, n) -> new WebhookOutbox.Recipient(rs.getObject("platform_id", UUID.class),
                        rs.getObject("environment_id", UUID.class)))
                .list();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpoint_id", endpoint.id().toString());
        data.put("environment_id", endpoint.environmentId().toString());
        data.put("url", endpoint.url());
        data.put("reason", reason);
        outbox.publish(EventTypes.ENDPOINT_DISABLED, recipients, null, data);
    }




}
