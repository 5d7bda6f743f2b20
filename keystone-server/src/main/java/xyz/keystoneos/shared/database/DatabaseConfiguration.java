package xyz.keystoneos.shared.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one DataSource of the server: a real PostgreSQL server when {@code keystone.database.url} is set,
 * otherwise an embedded PostgreSQL (zonky) kept in {@code ./data/postgres}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(KeystoneDatabaseProperties properties, EmbeddedDatabaseServer embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("keystone");
        config.setMaximumPoolSize(properties.poolSize());
        config.setConnectionTimeout(properties.connectionTimeout().toMillis());
        config.setMinimumIdle(properties.minimumIdle());
        config.setIdleTimeout(properties.idleTimeout().toMillis());
        if (properties.usesEmbeddedServer()) {
            config.setJdbcUrl(embedded.jdbcUrl());
            config.setUsername("postgres");
        } else {
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.username());
            config.setPassword(properties.password());
        }
        return new HikariDataSource(config);
    }

    /**
     * A second, small pool whose connections commit without waiting for the WAL flush, for the rate limiter's
     * buckets, idempotency claims and activity entries ({@link RelaxedCommitConnections}).
     */
    @Bean(destroyMethod = "close")
    RelaxedCommitConnections relaxedCommitConnections(HikariDataSource dataSource) {
        HikariConfig config = new HikariConfig();
        dataSource.copyStateTo(config);
        config.setPoolName("keystone-relaxed-commits");
        config.setMaximumPoolSize(RelaxedCommitConnections.POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionInitSql(RelaxedCommitConnections.CONNECTION_SETTINGS);
        return new RelaxedCommitConnections(new HikariDataSource(config));
    }

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseServer embeddedDatabaseServer(KeystoneDatabaseProperties properties) {
        if (!properties.usesEmbeddedServer()) {
            return EmbeddedDatabaseServer.NONE;
        }
        Path directory = Path.of(properties.embeddedDataDirectory()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            log.info("Starting embedded PostgreSQL with data in {}", directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // Spring closes this bean after every lifecycle bean has stopped; zonky's own JVM hook would stop
                    // PostgreSQL concurrently with the application's shutdown, which still needs the database.
                    .setRegisterShutdownHook(false)
                    .start();
            return new EmbeddedDatabaseServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    /** Holds the embedded server (if any) so that it stops after the pool has closed. */
    static final class EmbeddedDatabaseServer implements AutoCloseable {
        static final EmbeddedDatabaseServer NONE = new EmbeddedDatabaseServer(null);
        private final EmbeddedPostgres postgres;

        EmbeddedDatabaseServer(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        String jdbcUrl() {
            return postgres.getJdbcUrl("postgres", "postgres");
        }

        @Override
        public void close() throws IOException {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
