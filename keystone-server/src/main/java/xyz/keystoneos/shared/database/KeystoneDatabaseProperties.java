package xyz.keystoneos.shared.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is, and the connection pool towards it. With {@code url} blank the server starts an embedded
 * PostgreSQL whose files live in {@code embeddedDataDirectory} and survive restarts.
 *
 * @param poolSize          the most connections this node opens (default 20); the LISTEN threads hold one each
 * @param connectionTimeout how long a request or worker waits for a pooled connection before it fails (default
 *                          10 s): while the database is unreachable, the API answers 503 after at most this long
 * @param minimumIdle       idle connections the pool keeps open (default: {@code poolSize}, a pool that never shrinks);
 *                          lower it where many nodes or test contexts share one server's {@code max_connections}
 * @param idleTimeout       how long a connection beyond {@code minimumIdle} may stay idle before it is closed
 *                          (default 10 min, at least 10 s; no effect while {@code minimumIdle} equals {@code poolSize})
 */
@ConfigurationProperties("keystone.database")
public record KeystoneDatabaseProperties(String url, String username, String password, String embeddedDataDirectory,
        Integer poolSize, Duration connectionTimeout, Integer minimumIdle, Duration idleTimeout) {

    static final int DEFAULT_POOL_SIZE = 20;
    static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** HikariCP refuses a connection timeout below 250 ms. */
    static final Duration MINIMUM_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** HikariCP raises an idle timeout below 10 s to 10 s. */
    static final Duration MINIMUM_IDLE_TIMEOUT = Duration.ofSeconds(10);

    public KeystoneDatabaseProperties {
        poolSize = poolSize == null ? DEFAULT_POOL_SIZE : poolSize;
        connectionTimeout = connectionTimeout == null ? DEFAULT_CONNECTION_TIMEOUT : connectionTimeout;
        minimumIdle = minimumIdle == null ? poolSize : minimumIdle;
        idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
        if (poolSize < 2) {
            throw new IllegalArgumentException("keystone.database.pool-size must be at least 2, was " + poolSize);
        }
        if (connectionTimeout.compareTo(MINIMUM_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException(
                    "keystone.database.connection-timeout must be at least 250ms, was " + connectionTimeout);
        }
        if (minimumIdle < 0 || minimumIdle > poolSize) {
            throw new IllegalArgumentException("keystone.database.minimum-idle must be between 0 and pool-size ("
                    + poolSize + "), was " + minimumIdle);
        }
        if (idleTimeout.compareTo(MINIMUM_IDLE_TIMEOUT) < 0) {
            throw new IllegalArgumentException("keystone.database.idle-timeout must be at least 10s, was " + idleTimeout);
        }
    }

    public boolean usesEmbeddedServer() {
        return url == null || url.isBlank();
    }
}
