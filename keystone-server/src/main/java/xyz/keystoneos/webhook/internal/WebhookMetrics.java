package xyz.keystoneos.webhook.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import xyz.keystoneos.shared.metrics.CachedCountGauge;

/**
 * The webhook module's meters, all per node (each node counts the deliveries it attempted):
 * {@code keystone.webhook.deliveries} by {@code outcome}, {@code keystone.webhook.delivery.lag} (from the event's
 * outbox row to the receiver's 2xx) and the gauge {@code keystone.webhook.deliveries.pending}.
 */
@Component
class WebhookMetrics {

    static final String DELIVERIES = "keystone.webhook.deliveries";
    static final String LAG = "keystone.webhook.delivery.lag";
    static final String PENDING = "keystone.webhook.deliveries.pending";

    /** How one delivery attempt ended (the {@code outcome} tag). */
    enum Outcome {
        /** The receiver answered 2xx. */
        SUCCEEDED("succeeded"),
        /** The attempt failed; the delivery is retried later. */
        FAILED_ATTEMPT("failed_attempt"),
        /** The attempt failed and the delivery is given up (last attempt, or 410 Gone). */
        FAILED("failed");

        final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    private final Timer lag;

    WebhookMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.lag = Timer.builder(LAG).description("From the event's outbox row to the receiver's 2xx")
                .register(registry);
        for (Outcome outcome : Outcome.values()) {
            counter(outcome);
        }
        CachedCountGauge.register(registry, PENDING, "Webhook deliveries not yet succeeded or given up", jdbc,
                "select count(*) from webhook_deliveries where status = 'pending'");
    }

    void succeeded(Instant eventCreatedAt) {
        counter(Outcome.SUCCEEDED).increment();
        Duration sinceEvent = Duration.between(eventCreatedAt, Instant.now());
        lag.record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }

    void failed(Outcome outcome) {
        counter(outcome).increment();
    }

    private Counter counter(Outcome outcome) {
        return Counter.builder(DELIVERIES).description("Webhook delivery attempts by outcome")
                .tag("outcome", outcome.tag).register(registry);
    }
}
