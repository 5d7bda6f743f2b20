package xyz.keystoneos.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fresh PostgreSQL databases for tests. Uses the server named by {@code KEYSTONE_TEST_DATABASE_URL} (default: the
 * local server on 127.0.0.1:5432, user postgres) and creates a new database per call; databases of runs older than
 * an hour are dropped when the next run starts. Where no server answers, falls back to one embedded PostgreSQL for
 * the whole run.
 */
public final class TestDatabase {

    public record Database(String url, String username, String password) {
    }

    private static final String ADMIN_URL = System.getenv().getOrDefault("KEYSTONE_TEST_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String ADMIN_USER = System.getenv().getOrDefault("KEYSTONE_TEST_DATABASE_USER", "postgres");
    private static final String ADMIN_PASSWORD = System.getenv().getOrDefault("KEYSTONE_TEST_DATABASE_PASSWORD", "");

    private static final String PREFIX = "keystone_test_";
    private static Server server;

    private TestDatabase() {
    }

    /** A new, empty database. */
    public static synchronized Database create() {
        if (server == null) {
            server = connectOrEmbed();
        }
        String name = PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        server.execute("create database " + name);
        return new Database(server.urlFor(name), server.user(), server.password());
    }

    private static Server connectOrEmbed() {
        try (Connection ignored = DriverManager.getConnection(ADMIN_URL + "?connectTimeout=3", ADMIN_USER,
                ADMIN_PASSWORD)) {
            System.out.println("[tests] using the PostgreSQL server at " + ADMIN_URL);
            Server local = new Server(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD, null);
            local.dropLeftovers();
            return local;
        } catch (SQLException e) {
            System.out.println("[tests] no PostgreSQL server at " + ADMIN_URL + " (" + e.getMessage()
                    + "); starting an embedded one");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("keystone-test-pg"))
                    .setCleanDataDirectory(true)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            return new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "", embedded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Server(String adminUrl, String user, String password, EmbeddedPostgres embedded) {

        String urlFor(String database) {
            int query = adminUrl.indexOf('?');
            String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
            String parameters = query < 0 ? "" : adminUrl.substring(query);
            return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
        }

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("Test database setup failed: " + sql, e);
            }
        }

        /**
         * Drops test databases of earlier runs (older than an hour, so a run going on in parallel keeps its own).
         * Dropping at exit instead would race the application's own shutdown in the JVM's shutdown hooks.
         */
        void dropLeftovers() {
            long cutoff = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
            try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
                    Statement statement = connection.createStatement();
                    var names = statement.executeQuery(
                            "select datname from pg_database where datname like '" + PREFIX + "%'")) {
                List<String> stale = new ArrayList<>();
                while (names.next()) {
                    String[] parts = names.getString(1).substring(PREFIX.length()).split("_");
                    if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                        stale.add(names.getString(1));
                    }
                }
                for (String database : stale) {
                    statement.execute("drop database if exists " + database + " with (force)");
                }
            } catch (SQLException e) {
                System.out.println("[tests] could not drop old test databases: " + e.getMessage());
            }
        }
    }
}
