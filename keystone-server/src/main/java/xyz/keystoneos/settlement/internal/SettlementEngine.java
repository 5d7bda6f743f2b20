package xyz.keystoneos.settlement.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.compliance.CheckResult;
import xyz.keystoneos.compliance.ComplianceScreening;
import xyz.keystoneos.compliance.PartyToScreen;
import xyz.keystoneos.compliance.ScreeningOutcome;
import xyz.keystoneos.compliance.ScreeningRequest;
import xyz.keystoneos.settlement.internal.SettlementRecords.Loaded;
import xyz.keystoneos.settlement.internal.SettlementRecords.PartyRow;
import xyz.keystoneos.settlement.internal.domain.EnginePolicy;
import xyz.keystoneos.settlement.internal.domain.NextStep;
import xyz.keystoneos.settlement.internal.domain.PartyStatus;
import xyz.keystoneos.settlement.internal.domain.Workflow;

/**
 * Moves settlements forward by themselves, one transaction per step, each step under the settlement's row lock:
 * what to do is decided by {@link EnginePolicy}; this class carries it out.
 */
@Component
class SettlementEngine {

    static final String ENGINE = "system:engine";
    private static final int MAX_STEPS_PER_RUN = 20;
    private static final Logger log = LoggerFactory.getLogger(SettlementEngine.class);

    private final SettlementStore store;
    private final SettlementMoves moves;
    private final ComplianceScreening screening;
    private final Outbox outbox;
    private final EngineJobs jobs;
    private final TransactionTemplate transactions;

    SettlementEngine(SettlementStore store, SettlementMoves moves, ComplianceScreening screening, Outbox outbox,
            EngineJobs jobs, TransactionTemplate transactions) {
        this.store = store;
        this.moves = moves;
        this.screening = screening;
        this.outbox = outbox;
        this.jobs = jobs;
        this.transactions = transactions;
    }

    /**
     * Takes every step the settlement can take now, each in its own transaction, until it has to wait (for deposits,
     * a decision, its timeout) or is finished.
     */
    void advance(UUID settlementId) {
        for (int step = 0; step < MAX_STEPS_PER_RUN; step++) {
            Boolean progressed = transactions.execute(status -> step(settlementId));
            if (!Boolean.TRUE.equals(progressed)) {
                return;
            }
        }
        log.warn("Settlement {} took {} steps in one run; continuing in the next run", settlementId,
                MAX_STEPS_PER_RUN);
        // The engine's own moves do not queue it again (SettlementMoves#moveWithinEngineRun): ask for that run here.
        transactions.executeWithoutResult(status -> jobs.advanceNow(settlementId));
    }

    private boolean step(UUID settlementId) {
        Loaded settlement = store.lock(settlementId).orElse(null);
        if (settlement == null) {
            return false;
        }
        NextStep next = EnginePolicy.next(settlement.snapshot());
        switch (next) {
            case NextStep.Screen screen -> {
                screen(settlement);
                return true;
            }
            case NextStep.MoveTo move -> {
                moves.moveWithinEngineRun(settlement, move.state(), payload(settlement, move.reason()));
                return true;
            }
            case NextStep.Wait wait -> {
                return false;
            }
            case NextStep.Finished finished -> {
                return false;
            }
        }
    }

    /** Ends a settlement whose {@code timeout_at} has passed, unless it already reached the swap. */
    void timeOut(UUID settlementId) {
        transactions.executeWithoutResult(status -> store.lock(settlementId).ifPresent(settlement -> {
            Workflow workflow = new Workflow(settlement.workflow());
            String state = settlement.settlement().state();
            if (workflow.isPastDeposits(state) || settlement.settlement().timeoutAt().isAfter(Instant.now())) {
                return;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("reason", "timeout_at_passed");
            payload.put("timeout_at", settlement.settlement().timeoutAt().toString());
            moves.moveTo(settlement, Workflow.TIMED_OUT, ENGINE, payload);
        }));
    }

    private void screen(Loaded settlement) {
        List<PartyToScreen> parties = settlement.parties().stream()
                .map(p -> new PartyToScreen(p.id(), p.role(), p.name(), p.walletAddress(), p.chainId())).toList();
        var compliance = settlement.workflow().compliance();
        List<CheckResult> results = screening.screen(new ScreeningRequest(settlement.settlement().id(),
                "sandbox".equals(settlement.settlement().environmentKind()), compliance.entityProviders(),
                compliance.walletProviders(), parties));
        List<Map<String, Object>> summary = new java.util.ArrayList<>();
        PartyStatus overall = PartyStatus.CLEARED;
        for (PartyRow party : settlement.parties()) {
            PartyStatus status = statusOf(party, results);
            store.setPartyStatus(party.id(), status);
            summary.add(Map.of("party_id", party.id().toString(), "role", party.role(), "status", status.wire()));
            if (status == PartyStatus.FAILED || (status == PartyStatus.FLAGGED && overall == PartyStatus.CLEARED)) {
                overall = status;
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("settlement_id", settlement.settlement().id().toString());
        data.put("state", settlement.settlement().state());
        data.put("settlement_type", settlement.settlement().settlementType());
        data.put("parties", summary);
        String event = switch (overall) {
            case FAILED -> "settlement.compliance.failed";
            case FLAGGED -> "settlement.compliance.flagged";
            default -> "settlement.compliance.cleared";
        };
        outbox.publish(event, settlement, data);
    }

    private static PartyStatus statusOf(PartyRow party, List<CheckResult> results) {
        List<ScreeningOutcome> outcomes = results.stream().filter(r -> r.partyId().equals(party.id()))
                .map(CheckResult::outcome).toList();
        if (outcomes.contains(ScreeningOutcome.FAIL)) {
            return PartyStatus.FAILED;
        }
        if (outcomes.contains(ScreeningOutcome.FLAGGED)) {
            return PartyStatus.FLAGGED;
        }
        return PartyStatus.CLEARED;
    }

    private static Map<String, Object> payload(Loaded settlement, String reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("reason", reason);
        if (reason.startsWith("compliance")) {
            payload.put("parties", settlement.parties().stream()
                    .map(p -> Map.of("role", p.role(), "status", p.status().wire())).toList());
        }
        return payload;
    }
}
