package xyz.keystoneos.shared.database;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;

/**
 * Lets a transaction whose loss on a PostgreSQL crash is harmless commit without waiting for its WAL flush
 * ({@code synchronous_commit = off}, for this transaction only). A flushed commit costs a few milliseconds of
 * {@code fdatasync} on a typical disk (4.4 ms per commit at 4 clients on the project's machine, 0.5 ms without);
 * a request that commits three times pays that three times.
 *
 * <p>Only for writes whose loss is already allowed for: an idempotency claim (a later flushed commit, such as the
 * one that creates the resource, flushes the WAL up to and including the claim, because the WAL is written in
 * order; a claim lost with the database simply frees the key again) and activity log entries (documented as at
 * most once). Never for a state change, an event or an outbox row.
 *
 * <p>{@code set_config(…, true)} lasts until the transaction ends, so it is applied only when {@code status} is a
 * transaction of its own: joined into a caller's transaction it would relax that transaction too, and nothing is
 * changed.
 */
@Component
public class RelaxedCommits {

    private final JdbcClient jdbc;

    public RelaxedCommits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The transaction of {@code status} commits without waiting for the WAL flush, if it is a new one. */
    public void forThisTransaction(TransactionStatus status) {
        if (!status.isNewTransaction()) {
            return;
        }
        jdbc.sql("select set_config('synchronous_commit', 'off', true)").query().singleRow();
    }

    /**
     * As {@link #forThisTransaction(TransactionStatus)}, and every statement of the transaction is cancelled by the
     * server after {@code statementTimeout} (a server-side timeout: unlike a JDBC query timeout it needs no client
     * timer, whose single shared queue every statement would contend on).
     */
    public void forThisTransaction(TransactionStatus status, Duration statementTimeout) {
        if (!status.isNewTransaction()) {
            return;
        }
        jdbc.sql("select set_config('synchronous_commit', 'off', true), set_config('statement_timeout', :ms, true)")
                .param("ms", Long.toString(statementTimeout.toMillis())).query().singleRow();
    }
}
