package xyz.keystoneos.settlement.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static xyz.keystoneos.settlement.internal.domain.Workflows.AWAITING_DEPOSITS;
import static xyz.keystoneos.settlement.internal.domain.Workflows.COMPLIANCE_CHECKING;
import static xyz.keystoneos.settlement.internal.domain.Workflows.COMPLIANCE_CLEARED;
import static xyz.keystoneos.settlement.internal.domain.Workflows.DVP_STATES;
import static xyz.keystoneos.settlement.internal.domain.Workflows.EXECUTING_SWAP;
import static xyz.keystoneos.settlement.internal.domain.Workflows.FINALIZED;
import static xyz.keystoneos.settlement.internal.domain.Workflows.INSTRUCTED;
import static xyz.keystoneos.settlement.internal.domain.Workflows.ROLLED_BACK;
import static xyz.keystoneos.settlement.internal.domain.Workflows.TIMED_OUT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import xyz.keystoneos.template.Gate;
import xyz.keystoneos.template.TemplateConfig;

/** {@link Workflow}: how the engine reads a template's state machine. */
class WorkflowTest {

    private static final String MUST_HAVE_FAILURE_STATES =
            "the template must have the failure states ROLLED_BACK and TIMED_OUT";

    @Nested
    class DvpStandard {

        private final Workflow workflow = new Workflow(Workflows.dvpStandard());

        @Test
        void canBeRunByTheEngine() {
            assertThat(workflow.unsupportedBecause()).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"dvp-standard", "cross_platform_dvp", "fop-standard", "repo-standard"})
        void everySeededTemplateCanBeRunByTheEngine(String slug) {
            assertThat(new Workflow(Workflows.seed(slug)).unsupportedBecause()).isEmpty();
        }

        @Test
        void startsInstructed() {
            assertThat(workflow.initialState()).isEqualTo(INSTRUCTED);
        }

        @Test
        void findsTheGatedStates() {
            assertThat(workflow.gatedState(Gate.COMPLIANCE)).contains(COMPLIANCE_CLEARED);
            assertThat(workflow.gatedState(Gate.ALL_DEPOSITS)).contains(EXECUTING_SWAP);
        }

        @Test
        void screensInComplianceCheckingAndCollectsDepositsInAwaitingDeposits() {
            assertThat(workflow.stateBefore(Gate.COMPLIANCE)).contains(COMPLIANCE_CHECKING);
            assertThat(workflow.stateBefore(Gate.ALL_DEPOSITS)).contains(AWAITING_DEPOSITS);
        }

        @Test
        void opensEscrowOnlyOnEnteringAwaitingDeposits() {
            for (String state : DVP_STATES) {
                assertThat(workflow.opensEscrowOnEntering(state)).as(state)
                        .isEqualTo(state.equals(AWAITING_DEPOSITS));
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {INSTRUCTED, COMPLIANCE_CHECKING, COMPLIANCE_CLEARED, AWAITING_DEPOSITS})
        void isNotPastDepositsBeforeTheSwap(String state) {
            assertThat(workflow.isPastDeposits(state)).isFalse();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {EXECUTING_SWAP, FINALIZED, ROLLED_BACK, TIMED_OUT})
        void isPastDepositsFromTheSwapOn(String state) {
            assertThat(workflow.isPastDeposits(state)).isTrue();
        }

        @Test
        void knowsSuccessFromFailure() {
            assertThat(workflow.isSuccess(FINALIZED)).isTrue();
            assertThat(workflow.isFailure(FINALIZED)).isFalse();
            assertThat(workflow.isFailure(ROLLED_BACK)).isTrue();
            assertThat(workflow.isFailure(TIMED_OUT)).isTrue();
            assertThat(workflow.isSuccess(ROLLED_BACK)).isFalse();
            assertThat(workflow.isSuccess(EXECUTING_SWAP)).isFalse();
            assertThat(workflow.isTerminal(EXECUTING_SWAP)).isFalse();
        }

        @Test
        void forwardStatesLeaveOutTheFailureStates() {
            assertThat(workflow.forwardStates(INSTRUCTED)).containsExactly(COMPLIANCE_CHECKING);
            assertThat(workflow.forwardStates(COMPLIANCE_CHECKING)).containsExactly(COMPLIANCE_CLEARED);
            assertThat(workflow.forwardStates(AWAITING_DEPOSITS)).containsExactly(EXECUTING_SWAP);
            assertThat(workflow.forwardStates(EXECUTING_SWAP)).containsExactly(FINALIZED);
            assertThat(workflow.forwardStates(FINALIZED)).isEmpty();
            assertThat(workflow.forwardStates("NO_SUCH_STATE")).isEmpty();
        }

        @Test
        void knowsTheGateOfEachState() {
            assertThat(workflow.gateOf(COMPLIANCE_CLEARED)).contains(Gate.COMPLIANCE);
            assertThat(workflow.gateOf(EXECUTING_SWAP)).contains(Gate.ALL_DEPOSITS);
            assertThat(workflow.gateOf(AWAITING_DEPOSITS)).isEmpty();
        }
    }

    @Nested
    class WithoutTimedOut {

        /** dvp-standard without TIMED_OUT: AWAITING_DEPOSITS can only swap or roll back. */
        private final TemplateConfig config = withoutTimedOut();
        private final Workflow workflow = new Workflow(config);

        private static TemplateConfig withoutTimedOut() {
            Map<String, List<String>> transitions = new LinkedHashMap<>();
            transitions.put(INSTRUCTED, List.of(COMPLIANCE_CHECKING));
            transitions.put(COMPLIANCE_CHECKING, List.of(COMPLIANCE_CLEARED, ROLLED_BACK));
            transitions.put(COMPLIANCE_CLEARED, List.of(AWAITING_DEPOSITS));
            transitions.put(AWAITING_DEPOSITS, List.of(EXECUTING_SWAP, ROLLED_BACK));
            transitions.put(EXECUTING_SWAP, List.of(FINALIZED, ROLLED_BACK));
            transitions.put(FINALIZED, List.of());
            transitions.put(ROLLED_BACK, List.of());
            return Workflows.workflow(List.of(INSTRUCTED, COMPLIANCE_CHECKING, COMPLIANCE_CLEARED,
                    AWAITING_DEPOSITS, EXECUTING_SWAP, FINALIZED, ROLLED_BACK), List.of(FINALIZED, ROLLED_BACK),
                    List.of(ROLLED_BACK), transitions, Workflows.dvpGates());
        }

        @Test
        void isAValidTemplate() {
            assertThat(config.validate()).isEmpty();
        }

        @Test
        void cannotBeRunByTheEngine() {
            assertThat(workflow.unsupportedBecause()).contains(MUST_HAVE_FAILURE_STATES);
        }

        @Test
        void stillFindsWhereItScreensAndCollectsDeposits() {
            assertThat(workflow.stateBefore(Gate.COMPLIANCE)).contains(COMPLIANCE_CHECKING);
            assertThat(workflow.stateBefore(Gate.ALL_DEPOSITS)).contains(AWAITING_DEPOSITS);
            assertThat(workflow.opensEscrowOnEntering(AWAITING_DEPOSITS)).isTrue();
            assertThat(workflow.opensEscrowOnEntering(COMPLIANCE_CLEARED)).isFalse();
        }

        @Test
        void stillKnowsWhatIsPastDeposits() {
            assertThat(workflow.isPastDeposits(AWAITING_DEPOSITS)).isFalse();
            assertThat(workflow.isPastDeposits(EXECUTING_SWAP)).isTrue();
            assertThat(workflow.isPastDeposits(ROLLED_BACK)).isTrue();
            assertThat(workflow.isTerminal(TIMED_OUT)).isFalse();
        }
    }

    @Nested
    class UnsupportedTemplates {

        @Test
        void aTimedOutStateThatIsNotAFailureStateIsNotEnough() {
            TemplateConfig config = Workflows.workflow(DVP_STATES, Workflows.TERMINAL_STATES, List.of(ROLLED_BACK),
                    dvpTransitions(), Workflows.dvpGates());

            assertThat(new Workflow(config).unsupportedBecause()).contains(MUST_HAVE_FAILURE_STATES);
        }

        @Test
        void withoutRolledBackTheTemplateCannotBeRun() {
            TemplateConfig config = Workflows.workflow(DVP_STATES, Workflows.TERMINAL_STATES, List.of(TIMED_OUT),
                    dvpTransitions(), Workflows.dvpGates());

            assertThat(new Workflow(config).unsupportedBecause()).contains(MUST_HAVE_FAILURE_STATES);
        }

        @Test
        void withoutADepositGateTheTemplateCannotBeRun() {
            TemplateConfig config = Workflows.workflow(DVP_STATES, Workflows.TERMINAL_STATES,
                    List.of(ROLLED_BACK, TIMED_OUT), dvpTransitions(), Map.of(COMPLIANCE_CLEARED, Gate.COMPLIANCE));
            Workflow workflow = new Workflow(config);

            assertThat(workflow.unsupportedBecause()).contains("the template has no state gated by all_deposits");
            assertThat(workflow.stateBefore(Gate.ALL_DEPOSITS)).isEmpty();
            assertThat(workflow.opensEscrowOnEntering(AWAITING_DEPOSITS)).isFalse();
        }

        @Test
        void aTemplateWithoutComplianceGateCanStillBeRun() {
            TemplateConfig config = Workflows.workflow(DVP_STATES, Workflows.TERMINAL_STATES,
                    List.of(ROLLED_BACK, TIMED_OUT), dvpTransitions(), Map.of(EXECUTING_SWAP, Gate.ALL_DEPOSITS));
            Workflow workflow = new Workflow(config);

            assertThat(workflow.unsupportedBecause()).isEqualTo(Optional.empty());
            assertThat(workflow.stateBefore(Gate.COMPLIANCE)).isEmpty();
        }
    }

    @Test
    void aNonTerminalStateAfterTheSwapIsPastDeposits() {
        TemplateConfig config = Workflows.dvpWithSettlingAfterSwap();
        assertThat(config.validate()).isEmpty();
        Workflow workflow = new Workflow(config);
        assertThat(workflow.unsupportedBecause()).isEmpty();

        assertThat(workflow.isPastDeposits("SETTLING")).isTrue();
    }

    private static Map<String, List<String>> dvpTransitions() {
        Map<String, List<String>> transitions = new LinkedHashMap<>();
        Workflows.dvpStandard().transitions().forEach((from, t) -> transitions.put(from, t.allowedNext()));
        return transitions;
    }

    @org.junit.jupiter.api.Test
    void templatesAskingForScreeningAgainOrUnknownActionsAreNotRunnable() {
        xyz.keystoneos.template.TemplateConfig dvp = Workflows.dvpStandard();
        xyz.keystoneos.template.TemplateConfig recheck = new xyz.keystoneos.template.TemplateConfig(dvp.states(),
                dvp.initialState(), dvp.terminalStates(), dvp.failureStates(), dvp.transitions(), dvp.gates(),
                dvp.requiredRoles(), dvp.requiredLegTypes(), new xyz.keystoneos.template.TemplateConfig.Compliance(
                        java.util.List.of("sanctions_list"), java.util.List.of("sanctions_list"),
                        java.util.List.of("AWAITING_DEPOSITS")), dvp.actions());
        xyz.keystoneos.template.TemplateConfig unknownAction = new xyz.keystoneos.template.TemplateConfig(dvp.states(),
                dvp.initialState(), dvp.terminalStates(), dvp.failureStates(), dvp.transitions(), dvp.gates(),
                dvp.requiredRoles(), dvp.requiredLegTypes(), dvp.compliance(),
                java.util.Map.of("FINALIZED", java.util.List.of("send_fax")));

        assertThat(new Workflow(recheck).unsupportedBecause()).get().asString().contains("recheck_at_states");
        assertThat(new Workflow(unknownAction).unsupportedBecause()).get().asString().contains("send_fax");
        assertThat(new Workflow(Workflows.seed("repo-standard")).unsupportedBecause()).isEmpty();
    }
}
