package xyz.keystoneos.shared.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is. With {@code url} blank the server starts an embedded PostgreSQL whose files live in
 * {@code embeddedDataDirectory} and survive restarts.
 */
@ConfigurationProperties("keystone.database")
public record KeystoneDatabaseProperties(String url, String username, String password, String embeddedDataDirectory) {

    public boolean usesEmbeddedServer() {
        return url == null || url.isBlank();
    }
}
