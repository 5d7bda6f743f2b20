package xyz.keystoneos.settlement.internal.domain;

import xyz.keystoneos.template.Gate;

/**
 * Decides whether a settlement may move to a target state: the template must allow the transition and the
 * target's gate must be satisfied. A timeout is the one system transition outside the template's table: it may
 * end any settlement that has not reached the swap.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /** @throws TransitionRefused when the move is not allowed now */
    public static void check(SettlementSnapshot settlement, String target) {
        Workflow workflow = new Workflow(settlement.workflow());
        String from = settlement.state();
        if (workflow.isTerminal(from)) {
            throw new TransitionRefused("The settlement is already " + from + " and cannot change state");
        }
        boolean timeout = Workflow.TIMED_OUT.equals(target) && !workflow.isPastDeposits(from);
        if (!timeout && !workflow.allows(from, target)) {
            throw new TransitionRefused("The workflow does not allow " + from + " → " + target);
        }
        workflow.gateOf(target).ifPresent(gate -> {
            if (gate == Gate.COMPLIANCE && !settlement.everyPartyCleared()) {
                throw new TransitionRefused("Entering " + target + " needs every party cleared by compliance");
            }
            if (gate == Gate.ALL_DEPOSITS && !settlement.everyLegLocked()) {
                throw new TransitionRefused("Entering " + target + " needs every leg deposited");
            }
        });
    }

    /**
     * An operator's forced rollback ({@code POST /v1/admin/settlements/{id}/force-rollback}): allowed from every
     * state that is not terminal, whatever the template's transition table says (the operator overrides the
     * workflow, as a timeout does), and never into a workflow without the {@code ROLLED_BACK} failure state.
     *
     * @throws TransitionRefused when the settlement is already finished or cannot be rolled back
     */
    public static void checkOperatorRollback(SettlementSnapshot settlement) {
        Workflow workflow = new Workflow(settlement.workflow());
        if (workflow.isTerminal(settlement.state())) {
            throw new TransitionRefused("The settlement is already " + settlement.state() + " and cannot change state");
        }
        if (!workflow.isFailure(Workflow.ROLLED_BACK)) {
            throw new TransitionRefused("The workflow has no " + Workflow.ROLLED_BACK + " failure state");
        }
    }
}
