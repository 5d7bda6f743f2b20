package xyz.keystoneos.webhook.internal;

import static xyz.keystoneos.shared.database.SqlTimes.instant;
import static xyz.keystoneos.shared.database.SqlTimes.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import xyz.keystoneos.webhook.EventTypes;
import xyz.keystoneos.webhook.WebhookOutbox;

/**
 * SQL for the delivery log of one endpoint ({@code webhook_deliveries} and {@code webhook_attempts}) and for putting
 * deliveries back in the dispatcher's queue (manual retry, replay). Every query names the endpoint, which the caller
 * has already found in its own environment.
 */
@Repository
class DeliveryLog {

    static final List<String> STATUSES = List.of("pending", "succeeded", "failed");

    private static final String COLUMNS = """
            id, event_id, event_type, status, attempts, next_attempt_at, last_status_code, last_error,
            last_attempt_at, created_at, completed_at""";

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A {@code webhook_deliveries} row as the API shows it. */
    record Delivery(UUID id, String eventId, String eventType, String status, int attempts, Instant nextAttemptAt,
            Integer lastStatusCode, String lastError, Instant lastAttemptAt, Instant createdAt, Instant completedAt) {
    }

    /** Filters of the delivery log; {@code null} = any. */
    record Filter(String status, String eventType) {
    }

    long count(UUID endpointId, Filter filter) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from webhook_deliveries where " + where(endpointId, filter, params))
                .params(params).query(Long.class).single();
    }

    /** Newest first (by {@code seq}, taken at insert); {@code after} is the last delivery of the previous page. */
    List<Delivery> list(UUID endpointId, Filter filter, UUID after, int limit, int offset) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(where(endpointId, filter, params));
        if (after != null) {
            where.append(" and seq < (select seq from webhook_deliveries where id = :after)");
            params.put("after", after);
        }
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql("select " + COLUMNS + " from webhook_deliveries where " + where
                        + " order by seq desc limit :limit offset :offset")
                .params(params).query(DeliveryLog::delivery).list();
    }

    private static String where(UUID endpointId, Filter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("endpoint_id = :endpoint");
        params.put("endpoint", endpointId);
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.put("status", filter.status());
        }
        if (filter.eventType() != null) {
            where.append(" and event_type = :type");
            params.put("type", filter.eventType());
        }
        return where.toString();
    }

    Optional<Delivery> find(UUID deliveryId, UUID endpointId) {
        return jdbc.sql("select " + COLUMNS + " from webhook_deliveries where id = :id and endpoint_id = :endpoint")
                .param("id", deliveryId).param("endpoint", endpointId).query(DeliveryLog::delivery).optional();
    }

    /** The attempt log of each delivery, first attempt first. */
    Map<UUID, List<WebhookViews.AttemptView>> attempts(Collection<UUID> deliveryIds) {
        Map<UUID, List<WebhookViews.AttemptView>> log = new LinkedHashMap<>();
        deliveryIds.forEach(id -> log.put(id, new java.util.ArrayList<>()));
        if (deliveryIds.isEmpty()) {
            return log;
        }
        jdbc.sql("""
                        select delivery_id, attempt, started_at, duration_ms, status_code, error, response_excerpt
                        from webhook_attempts where delivery_id in (:ids) order by delivery_id, attempt""")
                .param("ids", List.copyOf(deliveryIds))
                .query((ResultSet rs) -> {
                    log.get(rs.getObject("delivery_id", UUID.class)).add(new WebhookViews.AttemptView(
                            rs.getInt("attempt"), instant(rs, "started_at"), rs.getInt("duration_ms"),
                            (Integer) rs.getObject("status_code"), rs.getString("error"),
                            rs.getString("response_excerpt")));
                });
        return log;
    }

    /**
     * Puts the delivery back in the queue, due now. The attempt counter and log are kept (the next attempt gets the
     * next number); a delivery that is being sent right now keeps its lease and that attempt's outcome stands.
     *
     * @return whether the delivery exists for this endpoint
     */
    boolean retry(UUID deliveryId, UUID endpointId) {
        int updated = jdbc.sql("""
                update webhook_deliveries set status = 'pending', next_attempt_at = now(), completed_at = null
                where id = :id and endpoint_id = :endpoint""")
                .param("id", deliveryId).param("endpoint", endpointId).update();
        return updated == 1;
    }

    /**
     * Queues every event of the endpoint's environment created in {@code [since, until)} whose type the endpoint
     * subscribes to (the outbox fan-out's pattern rule): a new delivery, or an existing one reset to pending and due
     * now (its attempt log kept).
     *
     * @return how many deliveries were queued
     */
    int replay(UUID endpointId, Instant since, Instant until) {
        return jdbc.sql("""
                insert into webhook_deliveries (id, endpoint_id, outbox_id, event_id, event_type)
                select gen_random_uuid(), e.id, o.id, o.event_id, o.event_type
                from webhook_endpoints e
                join webhook_outbox o on o.environment_id = e.environment_id
                where e.id = :endpoint and o.created_at >= :since and o.created_at < :until and"""
                + EventTypes.subscribedSql("o.event_type")
                + " on conflict (endpoint_id, event_id) do update"
                + " set status = 'pending', next_attempt_at = now(), completed_at = null")
                .param("endpoint", endpointId).param("since", timestamp(since)).param("until", timestamp(until))
                .update();
    }

    /** Wakes the dispatchers of every node when the surrounding transaction commits. */
    void notifyDispatchers() {
        jdbc.sql("select pg_notify('" + WebhookOutbox.CHANNEL + "', '')").query().singleRow();
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                (Integer) rs.getObject("last_status_code"), rs.getString("last_error"),
                instant(rs, "last_attempt_at"), instant(rs, "created_at"), instant(rs, "completed_at"));
    }
}
