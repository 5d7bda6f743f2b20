package xyz.keystoneos.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh PostgreSQL databases for tests. Uses the server named by {@code KEYSTONE_TEST_DATABASE_URL} (default: the
 * local server on 127.0.0.1:5432, user postgres) and creates a new database per call, dropped when the test JVM
 * exits. Where no server answers, falls back to one embedded PostgreSQL for the whole run.
 */
public final class TestDatabase {

    public record Database(String url, String username, String password) {
    }

    private static final String ADMIN_URL = System.getenv().getOrDefault("KEYSTONE_TEST_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String ADMIN_USER = System.getenv().getOrDefault("KEYSTONE_TEST_DATABASE_USER", "postgres");
    private static final String ADMIN_PASSWORD = System.getenv().getOrDefault("KEYSTONE_TEST_DATABASE_PASSWORD", "");

    private static Server server;

    private TestDatabase() {
    }

    /** A new, empty database. */
    public static synchronized Database create() {
        if (server == null) {
            server = connectOrEmbed();
        }
        String name = "keystone_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        server.execute("create database " + name);
        Server owner = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> owner.dropQuietly(name)));
        return new Database(server.urlFor(name), server.user(), server.password());
    }

    private static Server connectOrEmbed() {
        try (Connection ignored = DriverManager.getConnection(ADMIN_URL + "?connectTimeout=3", ADMIN_USER,
                ADMIN_PASSWORD)) {
            System.out.println("[tests] using the PostgreSQL server at " + ADMIN_URL);
            return new Server(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD, null);
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

        void dropQuietly(String database) {
            try {
                execute("drop database if exists " + database + " with (force)");
            } catch (RuntimeException ignored) {
                // best effort at JVM exit
            }
        }
    }
}
