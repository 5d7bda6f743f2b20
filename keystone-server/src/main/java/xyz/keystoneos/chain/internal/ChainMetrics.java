package xyz.keystoneos.chain.internal;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import xyz.keystoneos.shared.metrics.CachedCountGauge;

/** The chain module's gauge {@code keystone.chain.commands.pending}: EVM chain commands not yet done or failed. */
@Component
class ChainMetrics {

    static final String COMMANDS_PENDING = "keystone.chain.commands.pending";

    ChainMetrics(MeterRegistry registry, JdbcClient jdbc) {
        CachedCountGauge.register(registry, COMMANDS_PENDING, "Chain commands not yet done or failed", jdbc,
                "select count(*) from chain_commands where status = 'pending'");
    }
}
