package xyz.keystoneos.settlement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.SettlementFlows;

/** {@code keystone.settlement.transitions} counts what committed, and only that. */
class SettlementMetricsTest extends IntegrationTest {

    @Autowired
    SettlementMetrics metrics;

    @Autowired
    MeterRegistry registry;

    @Autowired
    TransactionTemplate transactions;

    private double count(String from, String to) {
        Counter counter = registry.find(SettlementMetrics.TRANSITIONS).tag("from", from).tag("to", to).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aTransitionCountsOnlyOnceItsTransactionCommits() {
        transactions.executeWithoutResult(status -> {
            metrics.countTransition("TEST_FROM", "TEST_TO");
            assertThat(count("TEST_FROM", "TEST_TO")).as("not before the commit").isZero();
        });

        assertThat(count("TEST_FROM", "TEST_TO")).isEqualTo(1);
    }

    @Test
    void aRolledBackTransitionNeverCounts() {
        transactions.executeWithoutResult(status -> {
            metrics.countTransition("TEST_FROM", "TEST_ROLLED_BACK");
            status.setRollbackOnly();
        });

        assertThat(count("TEST_FROM", "TEST_ROLLED_BACK")).isZero();
    }

    @Test
    void aNewSettlementCountsItsFirstStateFromNone() {
        double before = registry.find(SettlementMetrics.TRANSITIONS).tag("from", SettlementMetrics.NO_STATE)
                .counters().stream().mapToDouble(Counter::count).sum();

        new SettlementFlows(api).matchedSettlement(tokenFor(newPlatform()), tokenFor(newPlatform()));

        double after = registry.find(SettlementMetrics.TRANSITIONS).tag("from", SettlementMetrics.NO_STATE)
                .counters().stream().mapToDouble(Counter::count).sum();
        assertThat(after).isGreaterThanOrEqualTo(before + 1);
    }
}
