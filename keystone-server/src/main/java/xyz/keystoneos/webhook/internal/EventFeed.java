package xyz.keystoneos.webhook.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pull feed over {@code webhook_outbox}: one environment's events in the order they were recorded
 * ({@code created_at, id}), continued after an event id.
 *
 * <p>An outbox row's {@code created_at} is the start of the transaction that wrote it, so a transaction that commits
 * late could add a row before events a reader has already passed. The feed therefore only shows events older than
 * {@code keystone.webhooks.events-feed-delay} (default 2 s, far longer than the short transactions that publish
 * events), so a reader that follows {@code starting_after} does not skip events.
 */
@Repository
class EventFeed {

    private final JdbcClient jdbc;
    private final Duration delay;

    EventFeed(JdbcClient jdbc, @Value("${keystone.webhooks.events-feed-delay:PT2S}") Duration delay) {
        this.jdbc = jdbc;
        this.delay = delay;
    }

    /** Whether the environment received the event {@code eventId}. */
    boolean exists(UUID environmentId, String eventId) {
        return jdbc.sql("select exists (select 1 from webhook_outbox where environment_id = :env and event_id = :id)")
                .param("env", environmentId).param("id", eventId).query(Boolean.class).single();
    }

    /**
     * Up to {@code limit} payloads (as JSON text) after the event {@code startingAfter} (or from the beginning),
     * optionally only those matching a subscription pattern.
     */
    List<String> page(UUID environmentId, String startingAfter, String pattern, int limit) {
        StringBuilder where = new StringBuilder(
                "o.environment_id = :env and o.created_at < now() - make_interval(secs => :delay)");
        Map<String, Object> params = new HashMap<>();
        params.put("env", environmentId);
        params.put("delay", delay.toMillis() / 1000.0);
        if (startingAfter != null) {
            where.append(" and (o.created_at, o.id) > (select c.created_at, c.id from webhook_outbox c"
                    + " where c.environment_id = :env and c.event_id = :after)");
            params.put("after", startingAfter);
        }
        if (pattern != null) {
            where.append("""
                     and (:pattern = '*' or o.event_type = :pattern
                          or (right(:pattern, 2) = '.*'
                              and left(o.event_type, length(:pattern) - 1) = left(:pattern, length(:pattern) - 1)))""");
            params.put("pattern", pattern);
        }
        params.put("limit", limit);
        return jdbc.sql("select o.payload::text from webhook_outbox o where " + where
                        + " order by o.created_at, o.id limit :limit")
                .params(params).query(String.class).list();
    }
}
