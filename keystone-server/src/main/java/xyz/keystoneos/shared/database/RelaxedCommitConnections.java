package xyz.keystoneos.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connections on which every transaction commits without waiting for its WAL flush ({@code synchronous_commit =
 * off} for the session) and every statement is cancelled after {@value #STATEMENT_TIMEOUT_MS} ms, from a pool of
 * {@value #POOL_SIZE} beside the main one. A flushed commit costs milliseconds of {@code fdatasync} (4.4 ms per
 * commit at 4 clients on the project's machine, 0.5 ms without; docs/performance.md); on these connections a crash
 * of PostgreSQL can lose the last fraction of a second of commits, and nothing else. Set once per connection, the
 * settings cost no round trip per transaction (a per-transaction {@code set_config} would cost one).
 *
 * <p>Only for writes whose loss is already allowed for: the rate limiter's buckets (losing the last updates gives an
 * environment back a few requests of its budget), idempotency claims (a claim lost with the database frees the key,
 * as if the request had never arrived; the flushed commit that creates the resource flushes the WAL up to and
 * including its claim, whichever connection wrote it) and activity log entries (at most once by design). Never for
 * a state change, an event, an outbox row or anything else a caller was told happened.
 */
public final class RelaxedCommitConnections implements AutoCloseable {

    static final int POOL_SIZE = 4;
    static final int STATEMENT_TIMEOUT_MS = 5_000;
    static final String CONNECTION_SETTINGS = "set synchronous_commit = off; set statement_timeout = "
            + STATEMENT_TIMEOUT_MS;

    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    /** Over {@code pool}, whose connections the caller has set up as described above (see DatabaseConfiguration). */
    public RelaxedCommitConnections(HikariDataSource pool) {
        this.pool = pool;
        this.jdbc = JdbcClient.create(pool);
        this.transactions = new TransactionTemplate(new JdbcTransactionManager(pool));
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Statements on these connections; inside {@link #inTransaction} they take part in its transaction. */
    public JdbcClient jdbc() {
        return jdbc;
    }

    /**
     * Runs {@code work} in a transaction on one of these connections. It is independent of any main-pool transaction
     * the caller may be in: it commits (or rolls back) on its own.
     */
    public <T> T inTransaction(TransactionCallback<T> work) {
        return transactions.execute(work);
    }

    @Override
    public void close() {
        pool.close();
    }
}
