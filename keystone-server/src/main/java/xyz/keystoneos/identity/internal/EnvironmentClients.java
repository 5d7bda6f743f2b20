package xyz.keystoneos.identity.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import xyz.keystoneos.shared.web.ApiException;

/**
 * The M2M clients of one environment as the credentials API shows and changes them. Secrets are generated here,
 * returned once and stored only as a hash; a rotated or revoked secret can no longer obtain tokens, and a revoked
 * client's existing tokens are refused on their next request ({@link CallerResolutionFilter}).
 */
@Repository
class EnvironmentClients {

    /** A client without its secret; {@code clientSecret} is set only in the answer that creates or rotates it. */
    record ClientView(UUID id, String clientId, String name, UUID environmentId, List<String> scopes,
            Instant createdAt, Instant secretRotatedAt, Instant revokedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret) {

        ClientView withSecret(String secret) {
            return new ClientView(id, clientId, name, environmentId, scopes, createdAt, secretRotatedAt, revokedAt,
                    secret);
        }
    }

    private static final String COLUMNS =
            "id, client_id, name, environment_id, scopes, created_at, secret_rotated_at, revoked_at";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;

    EnvironmentClients(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
    }

    List<ClientView> list(UUID environmentId, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from m2m_clients where environment_id = :env"
                        + " order by created_at, id limit :limit offset :offset")
                .param("env", environmentId).param("limit", limit).param("offset", offset)
                .query(EnvironmentClients::client).list();
    }

    long count(UUID environmentId) {
        return jdbc.sql("select count(*) from m2m_clients where environment_id = :env")
                .param("env", environmentId).query(Long.class).single();
    }

    Optional<ClientView> find(String clientId, UUID environmentId) {
        return jdbc.sql("select " + COLUMNS + " from m2m_clients where client_id = :client and environment_id = :env")
                .param("client", clientId).param("env", environmentId).query(EnvironmentClients::client).optional();
    }

    ClientView require(String clientId, UUID environmentId) {
        return find(clientId, environmentId).orElseThrow(() -> ApiException.notFound("client_not_found",
                "No client " + clientId + " in this environment"));
    }

    /** A new secret for an unrevoked client; the old one stops working for new tokens at once. */
    ClientView rotate(String clientId, UUID environmentId) {
        ClientView current = require(clientId, environmentId);
        if (current.revokedAt() != null) {
            throw ApiException.conflict("client_revoked", "Client " + clientId + " is revoked; create a new one");
        }
        String secret = ClientSecrets.newSecret();
        jdbc.sql("""
                update m2m_clients set secret_hash = :hash, secret_rotated_at = :now
                where client_id = :client and environment_id = :env""")
                .param("hash", passwordEncoder.encode(secret)).param("now", Timestamp.from(Instant.now()))
                .param("client", clientId).param("env", environmentId).update();
        return require(clientId, environmentId).withSecret(secret);
    }

    /**
     * Revokes the client and the session tokens it minted; {@code false} when it was already revoked (the call is
     * idempotent).
     */
    boolean revoke(String clientId, UUID environmentId) {
        require(clientId, environmentId);
        boolean revoked = jdbc.sql("""
                update m2m_clients set revoked_at = now()
                where client_id = :client and environment_id = :env and revoked_at is null""")
                .param("client", clientId).param("env", environmentId).update() == 1;
        jdbc.sql("update sessions set revoked_at = now() where created_by = :by and revoked_at is null")
                .param("by", "m2m:" + clientId).update();
        return revoked;
    }

    private static ClientView client(ResultSet rs, int row) throws SQLException {
        Array scopes = rs.getArray("scopes");
        return new ClientView(rs.getObject("id", UUID.class), rs.getString("client_id"), rs.getString("name"),
                rs.getObject("environment_id", UUID.class), Arrays.asList((String[]) scopes.getArray()),
                rs.getTimestamp("created_at").toInstant(), instant(rs, "secret_rotated_at"),
                instant(rs, "revoked_at"), null);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
