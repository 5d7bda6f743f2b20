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
import org.springframework.stereotype.Repository;

/** SQL for session tokens (SPEC §3): short-lived browser tokens whose row is checked on every request. */
@Repository
class Sessions {

    /** A session as the API shows it; {@code settlementIds} {@code null} means not restricted. */
    record Session(UUID id, UUID platformId, UUID environmentId, String createdBy, List<String> scopes,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<UUID> settlementIds, Instant expiresAt, Instant revokedAt,
            Instant createdAt) {

        boolean activeAt(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt);
        }
    }

    /** What authentication needs of a session: the session plus the live state of its platform and environment. */
    record SessionAccess(Session session, String platformStatus, boolean environmentActive, String environmentSlug,
            String environmentKind, String apiVersion, int rateLimitRpm, List<String> allowlist) {
    }

    private static final String COLUMNS = "s.id, s.platform_id, s.environment_id, s.created_by, s.scopes, "
            + "s.settlement_ids, s.expires_at, s.revoked_at, s.created_at";

    private final JdbcClient jdbc;

    Sessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Session session) {
        jdbc.sql("""
                insert into sessions (id, platform_id, environment_id, created_by, scopes, settlement_ids, expires_at,
                                      created_at)
                values (:id, :platform, :env, :by, :scopes, :settlements, :expires, :created)""")
                .param("id", session.id()).param("platform", session.platformId())
                .param("env", session.environmentId()).param("by", session.createdBy())
                .param("scopes", session.scopes().toArray(String[]::new))
                .param("settlements", session.settlementIds() == null ? null
                        : session.settlementIds().toArray(UUID[]::new))
                .param("expires", Timestamp.from(session.expiresAt()))
                .param("created", Timestamp.from(session.createdAt())).update();
    }

    Optional<Session> find(UUID id, UUID environmentId) {
        return jdbc.sql("select " + COLUMNS + " from sessions s where s.id = :id and s.environment_id = :env")
                .param("id", id).param("env", environmentId).query(Sessions::session).optional();
    }

    List<Session> list(UUID environmentId, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from sessions s where s.environment_id = :env"
                        + " order by s.created_at desc, s.id limit :limit offset :offset")
                .param("env", environmentId).param("limit", limit).param("offset", offset)
                .query(Sessions::session).list();
    }

    long count(UUID environmentId) {
        return jdbc.sql("select count(*) from sessions where environment_id = :env").param("env", environmentId)
                .query(Long.class).single();
    }

    boolean revoke(UUID id, UUID environmentId) {
        return jdbc.sql("update sessions set revoked_at = now() where id = :id and environment_id = :env"
                        + " and revoked_at is null")
                .param("id", id).param("env", environmentId).update() == 1;
    }

    Optional<SessionAccess> access(UUID id) {
        return jdbc.sql("select " + COLUMNS + """
                , p.status as platform_status, e.is_active, e.slug, e.kind, e.api_version, e.rate_limit_rpm,
                  array(select a.cidr from ip_allowlist_entries a where a.environment_id = e.id) as allowlist
                from sessions s
                join platforms p on p.id = s.platform_id
                join environments e on e.id = s.environment_id
                where s.id = :id""")
                .param("id", id)
                .query((rs, row) -> new SessionAccess(session(rs, row), rs.getString("platform_status"),
                        rs.getBoolean("is_active"), rs.getString("slug"), rs.getString("kind"),
                        rs.getString("api_version"), rs.getInt("rate_limit_rpm"),
                        Arrays.asList((String[]) rs.getArray("allowlist").getArray())))
                .optional();
    }

    private static Session session(ResultSet rs, int row) throws SQLException {
        Array settlements = rs.getArray("settlement_ids");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new Session(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getObject("environment_id", UUID.class), rs.getString("created_by"),
                Arrays.asList((String[]) rs.getArray("scopes").getArray()),
                settlements == null ? null : Arrays.asList((UUID[]) settlements.getArray()),
                rs.getTimestamp("expires_at").toInstant(), revoked == null ? null : revoked.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
