package xyz.keystoneos.settlement.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import xyz.keystoneos.shared.database.SqlTimes;
import org.springframework.stereotype.Component;

/**
 * Puts work on the engine's queue inside the current transaction (so a job exists exactly when the change that
 * needs it commits) and wakes the workers of every node with {@code NOTIFY} at commit.
 */
@Component
class EngineJobs {

    static final String CHANNEL = "keystone_engine_jobs";

    enum Kind {
        ADVANCE, TIMEOUT, MATURITY;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final JdbcClient jdbc;

    EngineJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Schedules a job. At most one job per settlement and kind exists: scheduling again moves it earlier (never
     * later) and bumps its generation, so a worker finishing an older run leaves it in place.
     */
    void schedule(UUID settlementId, Kind kind, Instant runAt) {
        jdbc.sql("""
                insert into engine_jobs (settlement_id, kind, run_at) values (:settlement, :kind, :runAt)
                on conflict (settlement_id, kind) do update
                set run_at = least(engine_jobs.run_at, excluded.run_at), generation = engine_jobs.generation + 1""")
                .param("settlement", settlementId).param("kind", kind.wire())
                .param("runAt", SqlTimes.timestamp(runAt)).update();
        if (!runAt.isAfter(Instant.now())) {
            jdbc.sql("select pg_notify('" + CHANNEL + "', '')").query().singleRow();
        }
    }

    void advanceNow(UUID settlementId) {
        schedule(settlementId, Kind.ADVANCE, Instant.now());
    }

    /**
     * An operator's retry: every job of the settlement that has been failing (it has a {@code last_error} and is
     * waiting out its backoff) becomes due now with its attempts reset, and the engine is asked to look again.
     * Healthy jobs keep their time (a timeout job stays at {@code timeout_at}).
     *
     * @return how many failing jobs were made due
     */
    int retryNow(UUID settlementId) {
        int failing = jdbc.sql("""
                update engine_jobs set run_at = now(), attempts = 0, last_error = null, generation = generation + 1
                where settlement_id = :settlement and last_error is not null""")
                .param("settlement", settlementId).update();
        advanceNow(settlementId);
        return failing;
    }
}
