package xyz.keystoneos.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * Connections on which every transaction commits without waiting for its WAL flush ({@code synchronous_commit =
 * off} for the session), from a pool of {@value #POOL_SIZE} beside the main one. A flushed commit costs milliseconds
 * of {@code fdatasync} (see {@link RelaxedCommits}); on these connections a crash of PostgreSQL can lose the last
 * fraction of a second of commits, and nothing else.
 *
 * <p>For the rate limiter's buckets only: every API request updates its environment's bucket, and losing the last
 * updates in a database crash only gives that environment back a few requests of its budget. Never for anything a
 * caller was told happened.
 */
public final class RelaxedCommitConnections implements AutoCloseable {

    static final int POOL_SIZE = 4;

    private final HikariDataSource pool;

    RelaxedCommitConnections(HikariDataSource pool) {
        this.pool = pool;
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
