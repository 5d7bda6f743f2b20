package xyz.keystoneos.webhook;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records webhook events in {@code webhook_outbox} inside the caller's transaction, so an event exists exactly when
 * the change it announces commits, and fans it out in the same statement to a {@code webhook_deliveries} row for
 * every active endpoint of the receiving environment that subscribes to the event type. One outbox row per
 * receiving platform environment, all with the same event id and payload
 * {@code {"id": "evt_…", "event": "<type>", "created_at": "…", "data": {…}}}.
 */
@Component
public class WebhookOutbox {

    /** NOTIFY channel that wakes the dispatchers of every node when deliveries are due. */
    public static final String CHANNEL = "keystone_webhooks";

    /** A platform environment that receives an event. */
    public record Recipient(UUID platformId, UUID environmentId) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    WebhookOutbox(JdbcClient jdbc, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.json = jsonMapper.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    }

    /** @return the event id ({@code evt_…}) */
    public String publish(String eventType, Collection<Recipient> recipients, UUID settlementId,
            Map<String, Object> data) {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", eventId);
        payload.put("event", eventType);
        payload.put("created_at", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        payload.put("data", data);
        String body = json.writeValueAsString(payload);
        int deliveries = 0;
        for (Recipient recipient : new LinkedHashSet<>(recipients)) {
            UUID outboxId = UUID.randomUUID();
            jdbc.sql("""
                    insert into webhook_outbox (id, event_id, event_type, platform_id, environment_id, settlement_id,
                                                payload)
                    values (:id, :event, :type, :platform, :environment, :settlement, cast(:payload as jsonb))""")
                    .param("id", outboxId).param("event", eventId).param("type", eventType)
                    .param("platform", recipient.platformId()).param("environment", recipient.environmentId())
                    .param("settlement", settlementId).param("payload", body).update();
            deliveries += fanOut(outboxId, eventId, eventType, recipient.environmentId());
        }
        if (deliveries > 0) {
            jdbc.sql("select pg_notify('" + CHANNEL + "', '')").query().singleRow();
        }
        return eventId;
    }

    private int fanOut(UUID outboxId, String eventId, String eventType, UUID environmentId) {
        return jdbc.sql("""
                insert into webhook_deliveries (id, endpoint_id, outbox_id, event_id, event_type)
                select gen_random_uuid(), e.id, :outbox, :event, :type
                from webhook_endpoints e
                where e.environment_id = :environment and e.is_active and"""
                + EventTypes.subscribedSql(":type")
                + " on conflict (endpoint_id, event_id) do nothing")
                .param("outbox", outboxId).param("event", eventId).param("type", eventType)
                .param("environment", environmentId).update();
    }
}
