package xyz.keystoneos.shared.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A gauge whose value is one SQL {@code count(*)}, read again at most every {@link #MAX_AGE}: however often
 * Prometheus scrapes (and however many scrapers there are), each node runs the query at most once per period. When
 * the database cannot answer, the gauge reads {@code NaN} (a gap in the graph, not a stale value) until the next
 * period.
 */
public final class CachedCountGauge {

    public static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(CachedCountGauge.class);

    private final JdbcClient jdbc;
    private final String countSql;
    private final String name;
    private double value = Double.NaN;
    private long readAtNanos;
    private boolean read;

    private CachedCountGauge(JdbcClient jdbc, String countSql, String name) {
        this.jdbc = jdbc;
        this.countSql = countSql;
        this.name = name;
    }

    /** Registers gauge {@code name}, the single number {@code countSql} selects. */
    public static void register(MeterRegistry registry, String name, String description, JdbcClient jdbc,
            String countSql) {
        CachedCountGauge gauge = new CachedCountGauge(jdbc, countSql, name);
        Gauge.builder(name, gauge, CachedCountGauge::value).description(description).strongReference(true)
                .register(registry);
    }

    synchronized double value() {
        long now = System.nanoTime();
        if (read && now - readAtNanos < MAX_AGE.toNanos()) {
            return value;
        }
        read = true;
        readAtNanos = now;
        try {
            value = jdbc.sql(countSql).query(Long.class).single();
        } catch (RuntimeException e) {
            log.debug("Gauge {} could not be read", name, e);
            value = Double.NaN;
        }
        return value;
    }
}
