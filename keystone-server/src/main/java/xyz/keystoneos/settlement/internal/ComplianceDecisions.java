package xyz.keystoneos.settlement.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.settlement.internal.SettlementRecords.Loaded;
import xyz.keystoneos.settlement.internal.SettlementRecords.PartyRow;
import xyz.keystoneos.settlement.internal.domain.EnginePolicy;
import xyz.keystoneos.settlement.internal.domain.NextStep;
import xyz.keystoneos.settlement.internal.domain.PartyStatus;
import xyz.keystoneos.settlement.internal.domain.Workflow;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.template.Gate;

/**
 * A human's answer to a compliance flag: approve clears the flagged parties and passes the compliance gate, reject
 * rolls the settlement back. Only possible while a flag is pending (409 otherwise); the decision, its reason and who
 * made it are recorded in the event.
 */
@Component
class ComplianceDecisions {

    enum Decision { APPROVE, REJECT }

    private final SettlementStore store;
    private final SettlementMoves moves;

    ComplianceDecisions(SettlementStore store, SettlementMoves moves) {
        this.store = store;
        this.moves = moves;
    }

    @Transactional
    void decide(UUID settlementId, Decision decision, String reason, Caller caller) {
        Loaded settlement = store.lock(settlementId).filter(s -> s.hasPartyIn(caller.requireEnvironment()))
                .orElseThrow(() -> SettlementViews.notFound(settlementId));
        if (!(EnginePolicy.next(settlement.snapshot()) instanceof NextStep.Wait wait)
                || !"compliance_review".equals(wait.reason())) {
            throw ApiException.conflict("no_compliance_review_pending",
                    "This settlement has no compliance flag waiting for a decision (state "
                            + settlement.settlement().state() + ")");
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("decision", decision.name().toLowerCase(java.util.Locale.ROOT));
        payload.put("reason", reason);
        payload.put("decided_by", caller.actor());
        if (decision == Decision.REJECT) {
            moves.moveTo(settlement, Workflow.ROLLED_BACK, caller.actor(), payload);
            return;
        }
        for (PartyRow party : settlement.parties()) {
            if (party.status() == PartyStatus.FLAGGED) {
                store.setPartyStatus(party.id(), PartyStatus.CLEARED);
            }
        }
        Loaded cleared = store.lock(settlementId).orElseThrow();
        String gated = new Workflow(cleared.workflow()).gatedState(Gate.COMPLIANCE).orElseThrow();
        moves.moveTo(cleared, gated, caller.actor(), payload);
    }
}
