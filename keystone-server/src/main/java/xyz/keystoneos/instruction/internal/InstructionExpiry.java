package xyz.keystoneos.instruction.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.webhook.WebhookOutbox;

/**
 * Expires pending instructions past {@code expires_at} and announces {@code instruction.expired}, in batches; safe on
 * every node at once (each row is taken by one node with SKIP LOCKED). Matching never pairs an expired instruction,
 * even before this job has run.
 */
@Component
class InstructionExpiry {

    private static final int BATCH = 500;

    private final InstructionStore store;
    private final WebhookOutbox outbox;
    private final TransactionTemplate transactions;

    InstructionExpiry(InstructionStore store, WebhookOutbox outbox, TransactionTemplate transactions) {
        this.store = store;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${keystone.instructions.expiry-interval:PT15S}")
    void expireDue() {
        int expired;
        do {
            expired = transactions.execute(status -> {
                List<InstructionStore.Expired> batch = store.expireDue(BATCH);
                for (InstructionStore.Expired instruction : batch) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("instruction_id", instruction.id().toString());
                    data.put("trade_reference", instruction.tradeReference());
                    data.put("role", instruction.role());
                    data.put("status", "expired");
                    outbox.publish("instruction.expired", List.of(new WebhookOutbox.Recipient(instruction.platformId(),
                            instruction.environmentId())), null, data);
                }
                return batch.size();
            });
        } while (expired == BATCH);
    }
}
