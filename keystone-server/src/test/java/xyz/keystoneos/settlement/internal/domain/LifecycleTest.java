package xyz.keystoneos.settlement.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static xyz.keystoneos.settlement.internal.domain.Workflows.AWAITING_DEPOSITS;
import static xyz.keystoneos.settlement.internal.domain.Workflows.COMPLIANCE_CHECKING;
import static xyz.keystoneos.settlement.internal.domain.Workflows.COMPLIANCE_CLEARED;
import static xyz.keystoneos.settlement.internal.domain.Workflows.DVP_STATES;
import static xyz.keystoneos.settlement.internal.domain.Workflows.EXECUTING_SWAP;
import static xyz.keystoneos.settlement.internal.domain.Workflows.FINALIZED;
import static xyz.keystoneos.settlement.internal.domain.Workflows.INSTRUCTED;
import static xyz.keystoneos.settlement.internal.domain.Workflows.ROLLED_BACK;
import static xyz.keystoneos.settlement.internal.domain.Workflows.TERMINAL_STATES;
import static xyz.keystoneos.settlement.internal.domain.Workflows.TIMED_OUT;
import static xyz.keystoneos.settlement.internal.domain.Workflows.dvp;
import static xyz.keystoneos.settlement.internal.domain.Workflows.dvpFresh;
import static xyz.keystoneos.settlement.internal.domain.Workflows.dvpReady;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import xyz.keystoneos.template.TemplateConfig;

/** {@link Lifecycle#check} on the dvp-standard workflow of SPEC §7, transition by transition. */
class LifecycleTest {

    /** The transitions SPEC §7 lists for dvp-standard, exactly. */
    static final Set<List<String>> SPEC_TRANSITIONS = Set.of(
            List.of(INSTRUCTED, COMPLIANCE_CHECKING),
            List.of(COMPLIANCE_CHECKING, COMPLIANCE_CLEARED),
            List.of(COMPLIANCE_CHECKING, ROLLED_BACK),
            List.of(COMPLIANCE_CLEARED, AWAITING_DEPOSITS),
            List.of(AWAITING_DEPOSITS, EXECUTING_SWAP),
            List.of(AWAITING_DEPOSITS, ROLLED_BACK),
            List.of(AWAITING_DEPOSITS, TIMED_OUT),
            List.of(EXECUTING_SWAP, FINALIZED),
            List.of(EXECUTING_SWAP, ROLLED_BACK));

    /** States a settlement may be timed out from: everything before the swap. */
    static final List<String> PRE_SWAP_STATES = List.of(INSTRUCTED, COMPLIANCE_CHECKING, COMPLIANCE_CLEARED,
            AWAITING_DEPOSITS);

    static Stream<Arguments> specTransitions() {
        return SPEC_TRANSITIONS.stream().map(t -> Arguments.of(t.get(0), t.get(1)));
    }

    /** Every (non-terminal from, any to) pair that is neither in SPEC §7 nor a pre-swap timeout. */
    static Stream<Arguments> forbiddenTransitions() {
        List<Arguments> forbidden = new ArrayList<>();
        for (String from : DVP_STATES) {
            if (TERMINAL_STATES.contains(from)) {
                continue;
            }
            for (String to : DVP_STATES) {
                boolean timeout = to.equals(TIMED_OUT) && PRE_SWAP_STATES.contains(from);
                if (!SPEC_TRANSITIONS.contains(List.of(from, to)) && !timeout) {
                    forbidden.add(Arguments.of(from, to));
                }
            }
        }
        return forbidden.stream();
    }

    static Stream<Arguments> terminalStateAndAnyTarget() {
        return TERMINAL_STATES.stream().flatMap(from -> DVP_STATES.stream().map(to -> Arguments.of(from, to)));
    }

    @Test
    void theSeededTransitionTableIsExactlyTheOneOfSpecSection7() {
        TemplateConfig config = Workflows.dvpStandard();
        Set<List<String>> seeded = new java.util.HashSet<>();
        config.transitions().forEach((from, t) -> t.allowedNext().forEach(to -> seeded.add(List.of(from, to))));

        assertThat(seeded).isEqualTo(SPEC_TRANSITIONS);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("specTransitions")
    void everyTransitionOfSpecSection7IsAllowedWhenItsGateIsSatisfied(String from, String to) {
        assertThatCode(() -> Lifecycle.check(dvpReady(from), to)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("forbiddenTransitions")
    void everyOtherTransitionIsRefusedWithAMessageNamingBothStates(String from, String to) {
        assertThatThrownBy(() -> Lifecycle.check(dvpReady(from), to))
                .isInstanceOf(TransitionRefused.class)
                .hasMessageContaining(from)
                .hasMessageContaining(to);
    }

    @Test
    void skippingComplianceIsRefused() {
        assertThatThrownBy(() -> Lifecycle.check(dvpReady(INSTRUCTED), AWAITING_DEPOSITS))
                .isInstanceOf(TransitionRefused.class)
                .hasMessage("The workflow does not allow INSTRUCTED → AWAITING_DEPOSITS");
    }

    @Test
    void goingBackwardsIsRefused() {
        assertThatThrownBy(() -> Lifecycle.check(dvpReady(EXECUTING_SWAP), AWAITING_DEPOSITS))
                .isInstanceOf(TransitionRefused.class)
                .hasMessage("The workflow does not allow EXECUTING_SWAP → AWAITING_DEPOSITS");
    }

    @Test
    void stayingInTheSameStateIsNotATransition() {
        assertThatThrownBy(() -> Lifecycle.check(dvpReady(COMPLIANCE_CHECKING), COMPLIANCE_CHECKING))
                .isInstanceOf(TransitionRefused.class)
                .hasMessageContaining("COMPLIANCE_CHECKING → COMPLIANCE_CHECKING");
    }

    @Test
    void rollingBackAClearedSettlementBeforeItsDepositsAreAwaitedIsRefused() {
        assertThatThrownBy(() -> Lifecycle.check(dvpReady(COMPLIANCE_CLEARED), ROLLED_BACK))
                .isInstanceOf(TransitionRefused.class)
                .hasMessageContaining("COMPLIANCE_CLEARED → ROLLED_BACK");
    }

    @Test
    void aStateTheWorkflowDoesNotKnowIsRefused() {
        assertThatThrownBy(() -> Lifecycle.check(dvpReady(EXECUTING_SWAP), "SETTLED"))
                .isInstanceOf(TransitionRefused.class)
                .hasMessageContaining("EXECUTING_SWAP")
                .hasMessageContaining("SETTLED");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("terminalStateAndAnyTarget")
    void aTerminalStateRefusesEveryTransition(String from, String to) {
        assertThatThrownBy(() -> Lifecycle.check(dvpReady(from), to))
                .isInstanceOf(TransitionRefused.class)
                .hasMessage("The settlement is already " + from + " and cannot change state");
    }

    @Nested
    class ComplianceGate {

        @Test
        void passesWhenEveryPartyIsCleared() {
            assertThatCode(() -> Lifecycle.check(dvp(COMPLIANCE_CHECKING,
                    List.of(PartyStatus.CLEARED, PartyStatus.CLEARED), List.of(LegStatus.PENDING)),
                    COMPLIANCE_CLEARED)).doesNotThrowAnyException();
        }

        @ParameterizedTest(name = "a {0} party")
        @ValueSource(strings = {"PENDING", "FLAGGED", "FAILED"})
        void refusesComplianceClearedWhileAPartyIsNotCleared(PartyStatus other) {
            SettlementSnapshot settlement = dvp(COMPLIANCE_CHECKING, List.of(PartyStatus.CLEARED, other),
                    List.of(LegStatus.PENDING));

            assertThatThrownBy(() -> Lifecycle.check(settlement, COMPLIANCE_CLEARED))
                    .isInstanceOf(TransitionRefused.class)
                    .hasMessage("Entering COMPLIANCE_CLEARED needs every party cleared by compliance");
        }

        @ParameterizedTest(name = "every party {0}")
        @ValueSource(strings = {"PENDING", "FLAGGED", "FAILED"})
        void refusesComplianceClearedWhenNoPartyIsCleared(PartyStatus status) {
            SettlementSnapshot settlement = dvp(COMPLIANCE_CHECKING, List.of(status, status),
                    List.of(LegStatus.PENDING));

            assertThatThrownBy(() -> Lifecycle.check(settlement, COMPLIANCE_CLEARED))
                    .isInstanceOf(TransitionRefused.class);
        }

        @Test
        void refusesComplianceClearedForASettlementWithoutParties() {
            SettlementSnapshot settlement = dvp(COMPLIANCE_CHECKING, List.of(), List.of(LegStatus.PENDING));

            assertThatThrownBy(() -> Lifecycle.check(settlement, COMPLIANCE_CLEARED))
                    .isInstanceOf(TransitionRefused.class);
        }

        @Test
        void doesNotStopARollbackAfterAFailedScreening() {
            SettlementSnapshot settlement = dvp(COMPLIANCE_CHECKING,
                    List.of(PartyStatus.CLEARED, PartyStatus.FAILED), List.of(LegStatus.PENDING));

            assertThatCode(() -> Lifecycle.check(settlement, ROLLED_BACK)).doesNotThrowAnyException();
        }

        @Test
        void onlyGuardsTheGatedState() {
            SettlementSnapshot settlement = dvp(COMPLIANCE_CLEARED,
                    List.of(PartyStatus.PENDING, PartyStatus.FLAGGED), List.of(LegStatus.PENDING));

            assertThatCode(() -> Lifecycle.check(settlement, AWAITING_DEPOSITS)).doesNotThrowAnyException();
        }
    }

    @Nested
    class DepositGate {

        @Test
        void passesWhenEveryLegIsLocked() {
            assertThatCode(() -> Lifecycle.check(dvp(AWAITING_DEPOSITS, List.of(PartyStatus.CLEARED),
                    List.of(LegStatus.LOCKED, LegStatus.LOCKED, LegStatus.LOCKED)), EXECUTING_SWAP))
                    .doesNotThrowAnyException();
        }

        @ParameterizedTest(name = "a {0} leg")
        @ValueSource(strings = {"PENDING", "RELEASED", "ROLLED_BACK"})
        void refusesTheSwapWhileALegIsNotLocked(LegStatus other) {
            SettlementSnapshot settlement = dvp(AWAITING_DEPOSITS, List.of(PartyStatus.CLEARED),
                    List.of(LegStatus.LOCKED, other));

            assertThatThrownBy(() -> Lifecycle.check(settlement, EXECUTING_SWAP))
                    .isInstanceOf(TransitionRefused.class)
                    .hasMessage("Entering EXECUTING_SWAP needs every leg deposited");
        }

        @Test
        void refusesTheSwapForASettlementWithoutLegs() {
            SettlementSnapshot settlement = dvp(AWAITING_DEPOSITS, List.of(PartyStatus.CLEARED), List.of());

            assertThatThrownBy(() -> Lifecycle.check(settlement, EXECUTING_SWAP))
                    .isInstanceOf(TransitionRefused.class);
        }

        @ParameterizedTest(name = "→ {0}")
        @ValueSource(strings = {ROLLED_BACK, TIMED_OUT})
        void doesNotStopAFailureWhileDepositsAreMissing(String target) {
            SettlementSnapshot settlement = dvp(AWAITING_DEPOSITS, List.of(PartyStatus.CLEARED),
                    List.of(LegStatus.LOCKED, LegStatus.PENDING));

            assertThatCode(() -> Lifecycle.check(settlement, target)).doesNotThrowAnyException();
        }
    }

    @Nested
    class Timeout {

        @ParameterizedTest(name = "from {0}")
        @ValueSource(strings = {INSTRUCTED, COMPLIANCE_CHECKING, COMPLIANCE_CLEARED, AWAITING_DEPOSITS})
        void isAllowedFromEveryStateBeforeTheSwap(String from) {
            assertThatCode(() -> Lifecycle.check(dvpFresh(from), TIMED_OUT)).doesNotThrowAnyException();
        }

        @ParameterizedTest(name = "from {0}")
        @ValueSource(strings = {INSTRUCTED, COMPLIANCE_CHECKING, COMPLIANCE_CLEARED, AWAITING_DEPOSITS})
        void needsNoGateEvenWithFlaggedPartiesAndMissingDeposits(String from) {
            SettlementSnapshot settlement = dvp(from, List.of(PartyStatus.FLAGGED, PartyStatus.FAILED),
                    List.of(LegStatus.LOCKED, LegStatus.PENDING));

            assertThatCode(() -> Lifecycle.check(settlement, TIMED_OUT)).doesNotThrowAnyException();
        }

        @Test
        void isRefusedOnceTheSwapHasStarted() {
            assertThatThrownBy(() -> Lifecycle.check(dvpReady(EXECUTING_SWAP), TIMED_OUT))
                    .isInstanceOf(TransitionRefused.class)
                    .hasMessage("The workflow does not allow EXECUTING_SWAP → TIMED_OUT");
        }

        @ParameterizedTest(name = "from {0}")
        @ValueSource(strings = {FINALIZED, ROLLED_BACK, TIMED_OUT})
        void isRefusedFromATerminalState(String from) {
            assertThatThrownBy(() -> Lifecycle.check(dvpReady(from), TIMED_OUT))
                    .isInstanceOf(TransitionRefused.class)
                    .hasMessageContaining("already " + from);
        }

        @Test
        void isRefusedFromANonTerminalStateAfterTheSwap() {
            TemplateConfig withSettling = Workflows.dvpWithSettlingAfterSwap();
            assertThat(withSettling.validate()).isEmpty();
            SettlementSnapshot settling = Workflows.snapshot(withSettling, "SETTLING",
                    List.of(PartyStatus.CLEARED, PartyStatus.CLEARED), List.of(LegStatus.RELEASED, LegStatus.RELEASED));

            assertThatThrownBy(() -> Lifecycle.check(settling, TIMED_OUT)).isInstanceOf(TransitionRefused.class);
        }
    }
}
