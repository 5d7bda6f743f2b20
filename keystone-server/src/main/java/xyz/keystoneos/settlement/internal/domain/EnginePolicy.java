package xyz.keystoneos.settlement.internal.domain;

import java.util.List;
import java.util.Optional;
import xyz.keystoneos.template.Gate;

/**
 * The engine's rule for moving a settlement forward by itself:
 * <ul>
 * <li>a single ungated way forward is taken at once (INSTRUCTED → COMPLIANCE_CHECKING, COMPLIANCE_CLEARED →
 * AWAITING_DEPOSITS, EXECUTING_SWAP → FINALIZED);</li>
 * <li>before the compliance gate: screen pending parties; any fail → ROLLED_BACK; all cleared → through the gate;
 * any flagged → wait for a human decision;</li>
 * <li>before the deposit gate: all legs locked → through the gate, else wait for deposits.</li>
 * </ul>
 */
public final class EnginePolicy {

    private EnginePolicy() {
    }

    public static NextStep next(SettlementSnapshot settlement) {
        Workflow workflow = new Workflow(settlement.workflow());
        String state = settlement.state();
        if (workflow.isTerminal(state)) {
            return new NextStep.Finished();
        }
        List<String> forward = workflow.forwardStates(state);
        Optional<String> complianceGated = forward.stream()
                .filter(next -> workflow.gateOf(next).orElse(null) == Gate.COMPLIANCE).findFirst();
        if (complianceGated.isPresent()) {
            if (!settlement.screeningDone()) {
                return new NextStep.Screen();
            }
            if (settlement.anyPartyFailed()) {
                return new NextStep.MoveTo(Workflow.ROLLED_BACK, "compliance_failed");
            }
            if (settlement.everyPartyCleared()) {
                return new NextStep.MoveTo(complianceGated.get(), "compliance_cleared");
            }
            return new NextStep.Wait("compliance_review");
        }
        Optional<String> depositGated = forward.stream()
                .filter(next -> workflow.gateOf(next).orElse(null) == Gate.ALL_DEPOSITS).findFirst();
        if (depositGated.isPresent()) {
            return settlement.everyLegLocked()
                    ? new NextStep.MoveTo(depositGated.get(), "all_deposits_received")
                    : new NextStep.Wait("deposits");
        }
        if (forward.size() == 1 && workflow.gateOf(forward.getFirst()).isEmpty()) {
            return new NextStep.MoveTo(forward.getFirst(), "automatic");
        }
        return new NextStep.Wait("no_automatic_transition");
    }
}
