package xyz.keystoneos.settlement.internal;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import xyz.keystoneos.settlement.internal.SettlementRecords.Loaded;
import xyz.keystoneos.webhook.WebhookOutbox;

/** Settlement events go to every platform environment with a party in the settlement. */
@Component
class Outbox {

    private final WebhookOutbox outbox;

    Outbox(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    void publish(String eventType, Loaded settlement, Map<String, Object> data) {
        List<WebhookOutbox.Recipient> recipients = settlement.parties().stream()
                .map(p -> new WebhookOutbox.Recipient(p.platformId(), p.environmentId())).distinct().toList();
        outbox.publish(eventType, recipients, settlement.settlement().id(), data);
    }
}
