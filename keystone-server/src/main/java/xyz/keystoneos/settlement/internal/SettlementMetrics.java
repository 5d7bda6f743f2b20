package xyz.keystoneos.settlement.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import xyz.keystoneos.shared.metrics.CachedCountGauge;

/**
 * The settlement module's meters: {@code keystone.settlement.transitions} (tags {@code from}, {@code to}; a new
 * settlement's first state counts as a transition from {@code none}), incremented once the transaction that
 * recorded the transition has committed, so rolled-back attempts never count; and the gauge
 * {@code keystone.engine.jobs.due}, engine jobs whose time has come and that no live node holds.
 */
@Component
class SettlementMetrics {

    static final String TRANSITIONS = "keystone.settlement.transitions";
    static final String JOBS_DUE = "keystone.engine.jobs.due";
    static final String NO_STATE = "none";

    private final MeterRegistry registry;

    SettlementMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        CachedCountGauge.register(registry, JOBS_DUE, "Engine jobs due now and not leased by any node", jdbc, """
                select count(*) from engine_jobs
                where run_at <= now() and (leased_until is null or leased_until < now())""");
    }

    /** Counts {@code from → to} when the current transaction commits (at once when there is none). */
    void countTransition(String from, String to) {
        Counter counter = Counter.builder(TRANSITIONS).description("Settlement state transitions, after commit")
                .tag("from", from == null ? NO_STATE : from).tag("to", to).register(registry);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            counter.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }
}
