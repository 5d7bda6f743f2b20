package xyz.keystoneos.activity.internal;

import static xyz.keystoneos.shared.database.SqlTimes.instant;
import static xyz.keystoneos.shared.database.SqlTimes.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.activity.ActivityEntry;
import xyz.keystoneos.activity.ActivityFilter;
import xyz.keystoneos.shared.database.RelaxedCommitConnections;

/** SQL of {@code activity_log}. */
@Repository
class ActivityStore {

    private static final String COLUMNS = """
            a.id, a.occurred_at, a.platform_id, a.environment_id, a.actor, a.actor_kind, a.type, a.category,
            a.resource_type, a.resource_id, a.http_method, a.path, a.status_code, a.request_id, a.ip_address,
            a.details::text as details""";

    private final JdbcClient jdbc;
    private final JdbcClient relaxedJdbc;
    private final JsonMapper json;

    ActivityStore(JdbcClient jdbc, RelaxedCommitConnections relaxed, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.relaxedJdbc = relaxed.jdbc();
        this.json = jsonMapper;
    }

    /**
     * Writes an entry on the connections that commit without waiting for the WAL flush (the log is at most once);
     * inside {@link RelaxedCommitConnections#inTransaction} it takes part in that transaction, else it commits alone.
     */
    void insert(NewActivity a) {
        relaxedJdbc.sql("""
                insert into activity_log (id, occurred_at, platform_id, environment_id, actor, actor_kind, type,
                    category, resource_type, resource_id, http_method, path, status_code, request_id, ip_address,
                    details)
                values (:id, :at, :platform, :environment, :actor, :actorKind, :type, :category, :resourceType,
                    :resourceId, :method, :path, :status, :requestId, :ip, cast(:details as jsonb))""")
                .param("id", UUID.randomUUID()).param("at", timestamp(a.occurredAt()))
                .param("platform", a.platformId()).param("environment", a.environmentId())
                .param("actor", a.actor()).param("actorKind", a.actorKind()).param("type", a.type())
                .param("category", a.category()).param("resourceType", a.resourceType())
                .param("resourceId", a.resourceId()).param("method", a.method()).param("path", a.path())
                .param("status", a.statusCode()).param("requestId", a.requestId()).param("ip", a.ipAddress())
                .param("details", json.writeValueAsString(a.details() == null ? Map.of() : a.details()))
                .update();
    }

    record Found(List<ActivityEntry> items, long total) {
    }

    Found search(ActivityFilter filter, UUID startingAfter, int limit, int offset) {
        StringBuilder where = new StringBuilder("true");
        Map<String, Object> params = new HashMap<>();
        if (filter.platformId() != null) {
            where.append(" and a.platform_id = :platform");
            params.put("platform", filter.platformId());
        }
        if (filter.environmentId() != null) {
            where.append(" and a.environment_id = :environment");
            params.put("environment", filter.environmentId());
        }
        if (filter.type() != null) {
            if (filter.typeIsPattern()) {
                where.append(" and starts_with(a.type, :typePrefix)");
                params.put("typePrefix", filter.type().substring(0, filter.type().length() - 1));
            } else {
                where.append(" and a.type = :type");
                params.put("type", filter.type());
            }
        }
        if (filter.category() != null) {
            where.append(" and a.category = :category");
            params.put("category", filter.category());
        }
        if (filter.resourceId() != null) {
            where.append(" and a.resource_id = :resource");
            params.put("resource", filter.resourceId());
        }
        if (filter.from() != null) {
            where.append(" and a.occurred_at >= :from");
            params.put("from", timestamp(filter.from()));
        }
        if (filter.toExclusive() != null) {
            where.append(" and a.occurred_at < :to");
            params.put("to", timestamp(filter.toExclusive()));
        }
        long total = jdbc.sql("select count(*) from activity_log a where " + where).params(params)
                .query(Long.class).single();
        String page = where.toString();
        if (startingAfter != null) {
            page += " and (a.occurred_at, a.id) < (select occurred_at, id from activity_log where id = :cursor)";
            params.put("cursor", startingAfter);
        }
        params.put("limit", limit);
        params.put("offset", offset);
        List<ActivityEntry> items = jdbc.sql("select " + COLUMNS + " from activity_log a where " + page
                        + " order by a.occurred_at desc, a.id desc limit :limit offset :offset")
                .params(params).query(this::entry).list();
        return new Found(items, total);
    }

    /** Whether the entry exists and is visible to this platform ({@code null}: any platform). */
    boolean exists(UUID id, UUID platformId) {
        return jdbc.sql("""
                select exists (select 1 from activity_log where id = :id
                               and (cast(:platform as uuid) is null or platform_id = :platform))""")
                .param("id", id).param("platform", platformId).query(Boolean.class).single();
    }

    private ActivityEntry entry(ResultSet rs, int row) throws SQLException {
        Object status = rs.getObject("status_code");
        return new ActivityEntry(rs.getObject("id", UUID.class), instant(rs, "occurred_at"),
                rs.getObject("platform_id", UUID.class), rs.getObject("environment_id", UUID.class),
                rs.getString("actor"), rs.getString("actor_kind"), rs.getString("type"), rs.getString("category"),
                rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("http_method"),
                rs.getString("path"), status == null ? null : ((Number) status).intValue(), rs.getString("request_id"),
                rs.getString("ip_address"), json.readTree(rs.getString("details")));
    }
}
