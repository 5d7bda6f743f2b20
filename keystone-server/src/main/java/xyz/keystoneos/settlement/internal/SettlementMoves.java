package xyz.keystoneos.settlement.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import xyz.keystoneos.chain.ChainGateway;
import xyz.keystoneos.chain.EscrowLeg;
import xyz.keystoneos.settlement.internal.SettlementRecords.LegRow;
import xyz.keystoneos.settlement.internal.SettlementRecords.Loaded;
import xyz.keystoneos.settlement.internal.SettlementRecords.PartyRow;
import xyz.keystoneos.settlement.internal.domain.LegStatus;
import xyz.keystoneos.settlement.internal.domain.Workflow;
import xyz.keystoneos.shared.web.Quantity;

/**
 * A transition together with what it means for the escrow, in the same transaction:
 * <ul>
 * <li>entering the deposit state opens escrow (a deposit key per leg);</li>
 * <li>entering the success state releases every leg to its recipient (the atomic swap);</li>
 * <li>entering a failure state refunds every deposited leg.</li>
 * </ul>
 * Afterwards the engine is asked to look again (unless the settlement is finished, or the move is the engine's own
 * and it looks again anyway), and a finalised repo opening gets its maturity job.
 */
@Component
class SettlementMoves {

    private final Transitions transitions;
    private final ChainGateway chain;
    private final SettlementStore store;
    private final EngineJobs jobs;

    SettlementMoves(Transitions transitions, ChainGateway chain, SettlementStore store, EngineJobs jobs) {
        this.transitions = transitions;
        this.chain = chain;
        this.store = store;
        this.jobs = jobs;
    }

    void moveTo(Loaded settlement, String target, String triggeredBy, Map<String, Object> payload) {
        transitions.move(settlement, target, triggeredBy, payload);
        entered(settlement, target, true);
    }

    /**
     * A move the engine makes during its own run ({@link SettlementEngine#advance}), which goes on to the next step
     * by itself: unlike {@link #moveTo} it does not put the settlement back on the engine's queue, which would only
     * run the engine once more (lease, lock, delete) to find nothing to do.
     */
    void moveWithinEngineRun(Loaded settlement, String target, Map<String, Object> payload) {
        transitions.move(settlement, target, SettlementEngine.ENGINE, payload);
        entered(settlement, target, false);
    }

    /** An operator's rollback from any non-terminal state: refunds deposited legs like every failure does. */
    void rollBackByOperator(Loaded settlement, String triggeredBy, Map<String, Object> payload) {
        transitions.forceRollback(settlement, triggeredBy, payload);
        entered(settlement, Workflow.ROLLED_BACK, true);
    }

    private void entered(Loaded settlement, String target, boolean askEngineAgain) {
        Workflow workflow = new Workflow(settlement.workflow());
        UUID id = settlement.settlement().id();
        if (workflow.opensEscrowOnEntering(target)) {
            chain.openEscrow(id, escrowLegs(settlement), settlement.settlement().timeoutAt());
        } else if (workflow.isSuccess(target)) {
            chain.release(id);
            store.setLegStatuses(id, LegStatus.LOCKED, LegStatus.RELEASED);
        } else if (workflow.isFailure(target)) {
            chain.refund(id);
            store.setLegStatuses(id, LegStatus.LOCKED, LegStatus.ROLLED_BACK);
            store.setLegStatuses(id, LegStatus.PENDING, LegStatus.ROLLED_BACK);
        }
        if (!workflow.isTerminal(target)) {
            if (askEngineAgain) {
                jobs.advanceNow(id);
            }
        } else if (workflow.isSuccess(target) && "repo_open".equals(settlement.settlement().settlementCategory())
                && settlement.settlement().maturityAt() != null) {
            jobs.schedule(id, EngineJobs.Kind.MATURITY, settlement.settlement().maturityAt());
        }
    }

    private static List<EscrowLeg> escrowLegs(Loaded settlement) {
        return settlement.legs().stream().map(leg -> escrowLeg(settlement, leg)).toList();
    }

    private static EscrowLeg escrowLeg(Loaded settlement, LegRow leg) {
        PartyRow depositor = settlement.party(leg.deliverer());
        PartyRow recipient = settlement.counterpartyOf(leg.deliverer());
        return new EscrowLeg(leg.legIndex(), leg.chainId(), leg.instrumentId(), new Quantity(leg.quantity()),
                depositor.walletAddress(), recipient.walletAddress(), depositor.platformId(),
                depositor.environmentId());
    }

}
