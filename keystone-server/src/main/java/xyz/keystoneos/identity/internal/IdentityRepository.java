package xyz.keystoneos.identity.internal;

import static xyz.keystoneos.shared.database.SqlTimes.instant;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import xyz.keystoneos.identity.Platform;

/** SQL for platforms, environments and M2M clients. */
@Repository
public class IdentityRepository {

    private final JdbcClient jdbc;

    IdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A client row joined with its platform and environment, as authentication needs it. */
    public record ClientRecord(UUID id, String clientId, String secretHash, String kind, Set<String> scopes,
            boolean revoked, UUID platformId, String platformStatus, UUID environmentId, String environmentSlug,
            String environmentKind, Boolean environmentActive, String apiVersion, Integer rateLimitRpm,
            List<String> allowlist) {
    }

    /** What authenticating a user's call needs of the environment named in {@code X-Keystone-Environment}. */
    public record EnvironmentRecord(UUID id, String slug, String kind, boolean active, String apiVersion,
            int rateLimitRpm) {
    }

    /** The platform's environment with this id or slug. */
    public Optional<EnvironmentRecord> findEnvironment(UUID platformId, String idOrSlug) {
        UUID id = null;
        try {
            id = UUID.fromString(idOrSlug);
        } catch (IllegalArgumentException notAUuid) {
            // a slug
        }
        return jdbc.sql("select id, slug, kind, is_active, api_version, rate_limit_rpm from environments"
                        + " where platform_id = :platform and (id = :id or slug = :slug)")
                .param("platform", platformId).param("id", id, java.sql.Types.OTHER).param("slug", idOrSlug)
                .query((rs, row) -> new EnvironmentRecord(rs.getObject("id", UUID.class), rs.getString("slug"),
                        rs.getString("kind"), rs.getBoolean("is_active"), rs.getString("api_version"),
                        rs.getInt("rate_limit_rpm")))
                .optional();
    }

    public void insertPlatform(UUID id, String name, String slug) {
        jdbc.sql("insert into platforms (id, name, slug) values (:id, :name, :slug)")
                .param("id", id).param("name", name).param("slug", slug).update();
    }

    public void insertEnvironment(UUID id, UUID platformId, String name, String slug, String kind, String apiVersion) {
        jdbc.sql("""
                insert into environments (id, platform_id, name, slug, kind, api_version)
                values (:id, :platform, :name, :slug, :kind, :version)""")
                .param("id", id).param("platform", platformId).param("name", name).param("slug", slug)
                .param("kind", kind).param("version", apiVersion).update();
    }

    public void insertClient(String clientId, String secretHash, String name, String kind, UUID platformId,
            UUID environmentId, Set<String> scopes) {
        jdbc.sql("""
                insert into m2m_clients (id, client_id, secret_hash, name, kind, platform_id, environment_id, scopes)
                values (:id, :client, :hash, :name, :kind, :platform, :environment, :scopes)""")
                .param("id", UUID.randomUUID()).param("client", clientId).param("hash", secretHash)
                .param("name", name).param("kind", kind).param("platform", platformId)
                .param("environment", environmentId).param("scopes", scopes.stream().sorted().toArray(String[]::new))
                .update();
    }

    public void insertOperator(String email, String name, String passwordHash) {
        jdbc.sql("insert into operators (id, email, name, password_hash) values (:id, :email, :name, :hash)")
                .param("id", UUID.randomUUID()).param("email", email).param("name", name).param("hash", passwordHash)
                .update();
    }

    public Optional<ClientRecord> findClient(String clientId) {
        return jdbc.sql("""
                select c.id, c.client_id, c.secret_hash, c.kind, c.scopes, c.revoked_at is not null as revoked,
                       p.id as platform_id, p.status as platform_status,
                       e.id as environment_id, e.slug as environment_slug, e.kind as environment_kind,
                       e.is_active as environment_active, e.api_version, e.rate_limit_rpm,
                       array(select a.cidr from ip_allowlist_entries a where a.environment_id = e.id) as allowlist
                from m2m_clients c
                left join platforms p on p.id = c.platform_id
                left join environments e on e.id = c.environment_id
                where c.client_id = :client""")
                .param("client", clientId)
                .query(IdentityRepository::clientRecord)
                .optional();
    }

    public Optional<ClientRecord> findClientById(UUID id) {
        return jdbc.sql("select client_id from m2m_clients where id = :id").param("id", id)
                .query(String.class).optional().flatMap(this::findClient);
    }

    public Optional<Platform> findPlatform(UUID id) {
        return jdbc.sql("""
                select id, name, slug, status, logo_url, support_email, support_url, created_at, updated_at
                from platforms where id = :id""")
                .param("id", id)
                .query((rs, n) -> new Platform(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("slug"), rs.getString("status"), rs.getString("logo_url"),
                        rs.getString("support_email"), rs.getString("support_url"), instant(rs, "created_at"),
                        instant(rs, "updated_at")))
                .optional();
    }

    public void updatePlatformProfile(UUID id, String logoUrl, String supportEmail, String supportUrl) {
        jdbc.sql("update platforms set logo_url = :logo, support_email = :email, support_url = :url where id = :id")
                .param("logo", logoUrl).param("email", supportEmail).param("url", supportUrl).param("id", id)
                .update();
    }

    public List<Platform> listPlatforms(String status, UUID startingAfter, int limit, int offset) {
        return jdbc.sql("""
                select id, name, slug, status, logo_url, support_email, support_url, created_at, updated_at
                from platforms p
                where (cast(:status as text) is null or p.status = :status)
                  and (cast(:after as uuid) is null
                       or (p.created_at, p.id) < (select created_at, id from platforms where id = :after))
                order by p.created_at desc, p.id desc limit :limit offset :offset""")
                .param("status", status).param("after", startingAfter).param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new Platform(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("slug"), rs.getString("status"), rs.getString("logo_url"),
                        rs.getString("support_email"), rs.getString("support_url"),
                        instant(rs, "created_at"), instant(rs, "updated_at")))
                .list();
    }

    public long countPlatforms(String status) {
        return jdbc.sql("select count(*) from platforms where cast(:status as text) is null or status = :status")
                .param("status", status).query(Long.class).single();
    }

    public boolean anyPlatformOrOperatorExists() {
        return jdbc.sql("select exists (select 1 from platforms) or exists (select 1 from operators)")
                .query(Boolean.class).single();
    }

    public int setPlatformStatus(UUID platformId, String status) {
        return jdbc.sql("update platforms set status = :status, updated_at = now() where id = :id")
                .param("status", status).param("id", platformId).update();
    }

    public int setEnvironmentActive(UUID environmentId, boolean active) {
        return jdbc.sql("update environments set is_active = :active, updated_at = now() where id = :id")
                .param("active", active).param("id", environmentId).update();
    }

    /** Revokes the client and the session tokens it minted. */
    public int revokeClient(String clientId) {
        int revoked = jdbc.sql("update m2m_clients set revoked_at = now() where client_id = :client and revoked_at is null")
                .param("client", clientId).update();
        jdbc.sql("update sessions set revoked_at = now() where created_by = :by and revoked_at is null")
                .param("by", "m2m:" + clientId).update();
        return revoked;
    }

    private static ClientRecord clientRecord(ResultSet rs, int row) throws SQLException {
        Array scopes = rs.getArray("scopes");
        Object active = rs.getObject("environment_active");
        return new ClientRecord(rs.getObject("id", UUID.class), rs.getString("client_id"),
                rs.getString("secret_hash"), rs.getString("kind"),
                new LinkedHashSet<>(Arrays.asList((String[]) scopes.getArray())), rs.getBoolean("revoked"),
                rs.getObject("platform_id", UUID.class), rs.getString("platform_status"),
                rs.getObject("environment_id", UUID.class), rs.getString("environment_slug"),
                rs.getString("environment_kind"), (Boolean) active, rs.getString("api_version"),
                (Integer) rs.getObject("rate_limit_rpm"), Arrays.asList((String[]) rs.getArray("allowlist").getArray()));
    }

}
