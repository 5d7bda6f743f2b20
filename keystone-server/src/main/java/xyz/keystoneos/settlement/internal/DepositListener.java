package xyz.keystoneos.settlement.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import xyz.keystoneos.chain.LegDeposited;
import xyz.keystoneos.settlement.internal.domain.LegStatus;

/**
 * Marks a leg locked when its deposit reaches escrow and asks the engine to look again — in the deposit's own
 * transaction, so the leg status, the escrow and the job commit together. Escrow that no settlement owns (opened
 * directly through the chain module) is none of its business.
 */
@Component
class DepositListener {

    private final SettlementStore store;
    private final EngineJobs jobs;

    DepositListener(SettlementStore store, EngineJobs jobs) {
        this.store = store;
        this.jobs = jobs;
    }

    @EventListener
    void on(LegDeposited deposited) {
        int legs = store.setLegStatus(deposited.settlementId(), deposited.legIndex(), LegStatus.LOCKED);
        if (legs == 1 && deposited.allDeposited()) {
            jobs.advanceNow(deposited.settlementId());
        }
    }
}
