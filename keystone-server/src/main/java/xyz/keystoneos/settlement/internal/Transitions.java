package xyz.keystoneos.settlement.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import xyz.keystoneos.settlement.internal.SettlementRecords.EventRow;
import xyz.keystoneos.settlement.internal.SettlementRecords.Loaded;
import xyz.keystoneos.settlement.internal.domain.EventChain;
import xyz.keystoneos.settlement.internal.domain.Lifecycle;
import xyz.keystoneos.settlement.internal.domain.Workflow;

/**
 * Records state changes. Called with the settlement's row locked (see {@link SettlementStore#lock}), inside one
 * transaction that bumps {@code version}, appends the next event of the hash chain and writes the
 * {@code settlement.state.<state>} outbox rows. The row lock makes {@code sequence} gap-free.
 */
@Component
class Transitions {

    private final SettlementStore store;
    private final Outbox outbox;
    private final CanonicalJson json;
    private final SettlementMetrics metrics;

    Transitions(SettlementStore store, Outbox outbox, CanonicalJson json, SettlementMetrics metrics) {
        this.store = store;
        this.outbox = outbox;
        this.json = json;
        this.metrics = metrics;
    }

    /** The first event of a new settlement ({@code null → initial state}). */
    void recordCreation(Loaded settlement, String triggeredBy, Map<String, Object> payload) {
        append(settlement, null, settlement.settlement().state(), triggeredBy, payload,
                settlement.settlement().createdAt());
        announce(settlement, null, settlement.settlement().state(), 1, triggeredBy,
                settlement.settlement().createdAt());
        metrics.countTransition(null, settlement.settlement().state());
    }

    /**
     * Moves the settlement to {@code target}.
     *
     * @throws xyz.keystoneos.settlement.internal.domain.TransitionRefused when the workflow or a gate forbids it
     */
    void move(Loaded settlement, String target, String triggeredBy, Map<String, Object> payload) {
        Lifecycle.check(settlement.snapshot(), target);
        record(settlement, target, triggeredBy, payload);
    }

    /**
     * An operator's rollback: from any non-terminal state (see {@link Lifecycle#checkOperatorRollback}), recorded
     * like every other transition.
     */
    void forceRollback(Loaded settlement, String triggeredBy, Map<String, Object> payload) {
        Lifecycle.checkOperatorRollback(settlement.snapshot());
        record(settlement, Workflow.ROLLED_BACK, triggeredBy, payload);
    }

    private void record(Loaded settlement, String target, String triggeredBy, Map<String, Object> payload) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = settlement.settlement().id();
        if (store.updateState(id, target, settlement.settlement().version(), now) != 1) {
            throw new IllegalStateException("Settlement " + id + " changed under its row lock");
        }
        String from = settlement.settlement().state();
        int sequence = append(settlement, from, target, triggeredBy, payload, now);
        announce(settlement, from, target, sequence, triggeredBy, now);
        metrics.countTransition(from, target);
    }

    private int append(Loaded settlement, String from, String to, String triggeredBy, Map<String, Object> payload,
            Instant at) {
        UUID id = settlement.settlement().id();
        EventRow previous = store.lastEvent(id).orElse(null);
        int sequence = previous == null ? 1 : previous.sequence() + 1;
        String previousHash = previous == null ? EventChain.GENESIS : previous.contentHash();
        String payloadJson = json.of(payload);
        String evidence = EventChain.evidenceHash(from, to, triggeredBy);
        String content = EventChain.contentHash(previousHash, id, sequence, from, to, triggeredBy, payloadJson,
                evidence, at);
        store.insert(new EventRow(UUID.randomUUID(), id, sequence, from, to, triggeredBy, payloadJson, evidence,
                content, at));
        return sequence;
    }

    private void announce(Loaded settlement, String from, String to, int sequence, String triggeredBy, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("settlement_id", settlement.settlement().id().toString());
        data.put("state", to);
        data.put("previous_state", from);
        data.put("from_state", from);
        data.put("to_state", to);
        data.put("settlement_type", settlement.settlement().settlementType());
        data.put("sequence", sequence);
        data.put("triggered_by", triggeredBy);
        data.put("timestamp", at.toString());
        outbox.publish("settlement.state." + to.toLowerCase(Locale.ROOT), settlement, data);
    }
}
