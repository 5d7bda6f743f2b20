package xyz.keystoneos.webhook.internal;

import static xyz.keystoneos.shared.database.SqlTimes.instant;
import static xyz.keystoneos.shared.database.SqlTimes.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for webhook endpoints. Every read for the API is scoped to the caller's environment. */
@Repository
class EndpointStore {

    private static final String COLUMNS = """
            id, platform_id, environment_id, url, description, events, secret, previous_secret,
            previous_secret_valid_until, is_active, disabled_reason, disabled_at, failing_since, created_at, updated_at""";

    private final JdbcClient jdbc;

    EndpointStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Endpoint e) {
        jdbc.sql("""
                insert into webhook_endpoints (id, platform_id, environment_id, url, description, events, secret,
                                               is_active, created_at, updated_at)
                values (:id, :platform, :environment, :url, :description, :events, :secret, :active, :at, :at)""")
                .param("id", e.id()).param("platform", e.platformId()).param("environment", e.environmentId())
                .param("url", e.url()).param("description", e.description())
                .param("events", e.events().toArray(String[]::new)).param("secret", e.secret())
                .param("active", e.isActive()).param("at", timestamp(e.createdAt())).update();
    }

    Optional<Endpoint> find(UUID id, UUID environmentId) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where id = :id and environment_id = :env")
                .param("id", id).param("env", environmentId).query(EndpointStore::endpoint).optional();
    }

    Optional<Endpoint> lock(UUID id, UUID environmentId) {
        return jdbc.sql("select " + COLUMNS
                        + " from webhook_endpoints where id = :id and environment_id = :env for no key update")
                .param("id", id).param("env", environmentId).query(EndpointStore::endpoint).optional();
    }

    /** For the dispatcher, by id only. */
    Optional<Endpoint> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where id = :id")
                .param("id", id).query(EndpointStore::endpoint).optional();
    }

    List<Endpoint> list(UUID environmentId, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + """
                 from webhook_endpoints where environment_id = :env
                order by created_at, id limit :limit offset :offset""")
                .param("env", environmentId).param("limit", limit).param("offset", offset)
                .query(EndpointStore::endpoint).list();
    }

    long count(UUID environmentId) {
        return jdbc.sql("select count(*) from webhook_endpoints where environment_id = :env")
                .param("env", environmentId).query(Long.class).single();
    }

    void update(UUID id, String url, String description, List<String> events, boolean active) {
        jdbc.sql("""
                update webhook_endpoints set url = :url, description = :description, events = :events,
                    is_active = :active, updated_at = now(),
                    disabled_reason = case when :active then null else disabled_reason end,
                    disabled_at = case when :active then null else disabled_at end,
                    failing_since = case when :active and not is_active then null else failing_since end
                where id = :id""")
                .param("url", url).param("description", description).param("events", events.toArray(String[]::new))
                .param("active", active).param("id", id).update();
    }

    void rotate(UUID id, String newSecret, Instant previousValidUntil) {
        jdbc.sql("""
                update webhook_endpoints set previous_secret = secret, previous_secret_valid_until = :until,
                    secret = :secret, updated_at = now()
                where id = :id""")
                .param("until", timestamp(previousValidUntil)).param("secret", newSecret).param("id", id).update();
    }

    void delete(UUID id) {
        jdbc.sql("delete from webhook_endpoints where id = :id").param("id", id).update();
    }

    /** Deactivates the endpoint (410 Gone, or failing for too long); returns whether this call changed it. */
    boolean disable(UUID id, String reason) {
        return jdbc.sql("""
                update webhook_endpoints set is_active = false, disabled_reason = :reason, disabled_at = now(),
                    updated_at = now()
                where id = :id and is_active""")
                .param("reason", reason).param("id", id).update() == 1;
    }

    void recordFailure(UUID id) {
        jdbc.sql("update webhook_endpoints set failing_since = coalesce(failing_since, now()) where id = :id")
                .param("id", id).update();
    }


    private static Endpoint endpoint(ResultSet rs, int row) throws SQLException {
        return new Endpoint(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getObject("environment_id", UUID.class), rs.getString("url"), rs.getString("description"),
                Arrays.asList((String[]) rs.getArray("events").getArray()), rs.getString("secret"),
                rs.getString("previous_secret"), instant(rs, "previous_secret_valid_until"), rs.getBoolean("is_active"),
                rs.getString("disabled_reason"), instant(rs, "disabled_at"), instant(rs, "failing_since"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
