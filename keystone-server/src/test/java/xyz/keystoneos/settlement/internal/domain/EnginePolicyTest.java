package xyz.keystoneos.settlement.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;
import static xyz.keystoneos.settlement.internal.domain.LegStatus.LOCKED;
import static xyz.keystoneos.settlement.internal.domain.PartyStatus.CLEARED;
import static xyz.keystoneos.settlement.internal.domain.PartyStatus.FAILED;
import static xyz.keystoneos.settlement.internal.domain.PartyStatus.FLAGGED;
import static xyz.keystoneos.settlement.internal.domain.PartyStatus.PENDING;
import static xyz.keystoneos.settlement.internal.domain.Workflows.AWAITING_DEPOSITS;
import static xyz.keystoneos.settlement.internal.domain.Workflows.COMPLIANCE_CHECKING;
import static xyz.keystoneos.settlement.internal.domain.Workflows.COMPLIANCE_CLEARED;
import static xyz.keystoneos.settlement.internal.domain.Workflows.EXECUTING_SWAP;
import static xyz.keystoneos.settlement.internal.domain.Workflows.FINALIZED;
import static xyz.keystoneos.settlement.internal.domain.Workflows.INSTRUCTED;
import static xyz.keystoneos.settlement.internal.domain.Workflows.ROLLED_BACK;
import static xyz.keystoneos.settlement.internal.domain.Workflows.TIMED_OUT;
import static xyz.keystoneos.settlement.internal.domain.Workflows.dvp;
import static xyz.keystoneos.settlement.internal.domain.Workflows.dvpFresh;
import static xyz.keystoneos.settlement.internal.domain.Workflows.dvpReady;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import xyz.keystoneos.template.TemplateConfig;

/** {@link EnginePolicy#next}: what the engine does by itself in each state of dvp-standard. */
class EnginePolicyTest {

    private static final List<LegStatus> PENDING_LEGS = List.of(LegStatus.PENDING, LegStatus.PENDING);

    private static NextStep next(String state, List<PartyStatus> parties, List<LegStatus> legs) {
        return EnginePolicy.next(dvp(state, parties, legs));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FINALIZED, ROLLED_BACK, TIMED_OUT})
    void aTerminalSettlementIsFinishedWhateverItsParties(String state) {
        assertThat(EnginePolicy.next(dvpFresh(state))).isEqualTo(new NextStep.Finished());
        assertThat(EnginePolicy.next(dvpReady(state))).isEqualTo(new NextStep.Finished());
        assertThat(next(state, List.of(FAILED), List.of(LegStatus.ROLLED_BACK))).isEqualTo(new NextStep.Finished());
    }

    @Test
    void anInstructedSettlementStartsComplianceAtOnce() {
        assertThat(EnginePolicy.next(dvpFresh(INSTRUCTED)))
                .isEqualTo(new NextStep.MoveTo(COMPLIANCE_CHECKING, "automatic"));
    }

    @Test
    void aClearedSettlementStartsAwaitingDepositsAtOnce() {
        assertThat(next(COMPLIANCE_CLEARED, List.of(CLEARED, CLEARED), PENDING_LEGS))
                .isEqualTo(new NextStep.MoveTo(AWAITING_DEPOSITS, "automatic"));
    }

    @Test
    void aSwapInProgressIsFinalizedAtOnce() {
        assertThat(EnginePolicy.next(dvpReady(EXECUTING_SWAP))).isEqualTo(new NextStep.MoveTo(FINALIZED, "automatic"));
    }

    @Nested
    class ComplianceChecking {

        static Stream<Arguments> partiesAndNextStep() {
            NextStep screen = new NextStep.Screen();
            NextStep rollBack = new NextStep.MoveTo(ROLLED_BACK, "compliance_failed");
            NextStep review = new NextStep.Wait("compliance_review");
            NextStep clear = new NextStep.MoveTo(COMPLIANCE_CLEARED, "compliance_cleared");
            return Stream.of(
                    Arguments.of(List.of(PENDING, PENDING), screen),
                    Arguments.of(List.of(CLEARED, PENDING), screen),
                    Arguments.of(List.of(FLAGGED, PENDING), screen),
                    Arguments.of(List.of(FAILED, PENDING), screen),
                    Arguments.of(List.of(FAILED, CLEARED), rollBack),
                    Arguments.of(List.of(CLEARED, FAILED), rollBack),
                    Arguments.of(List.of(FAILED, FAILED), rollBack),
                    Arguments.of(List.of(FLAGGED, FAILED), rollBack),
                    Arguments.of(List.of(FLAGGED, CLEARED, FAILED), rollBack),
                    Arguments.of(List.of(FLAGGED, CLEARED), review),
                    Arguments.of(List.of(CLEARED, FLAGGED), review),
                    Arguments.of(List.of(FLAGGED, FLAGGED), review),
                    Arguments.of(List.of(CLEARED, CLEARED), clear),
                    Arguments.of(List.of(CLEARED, CLEARED, CLEARED), clear));
        }

        @ParameterizedTest(name = "parties {0} → {1}")
        @MethodSource("partiesAndNextStep")
        void theNextStepFollowsThePartiesScreeningResults(List<PartyStatus> parties, NextStep expected) {
            assertThat(next(COMPLIANCE_CHECKING, parties, PENDING_LEGS)).isEqualTo(expected);
        }

        @Test
        void pendingPartiesAreScreened() {
            assertThat(next(COMPLIANCE_CHECKING, List.of(PENDING, PENDING), PENDING_LEGS))
                    .isInstanceOf(NextStep.Screen.class);
        }

        @Test
        void anyFailedPartyRollsTheSettlementBack() {
            assertThat(next(COMPLIANCE_CHECKING, List.of(CLEARED, FAILED), PENDING_LEGS))
                    .isEqualTo(new NextStep.MoveTo(ROLLED_BACK, "compliance_failed"));
        }

        @Test
        void aFailedPartyOutweighsAFlaggedOne() {
            assertThat(next(COMPLIANCE_CHECKING, List.of(FLAGGED, FAILED), PENDING_LEGS))
                    .isEqualTo(new NextStep.MoveTo(ROLLED_BACK, "compliance_failed"));
        }

        @Test
        void aFlaggedPartyWithoutFailuresWaitsForAHumanDecision() {
            assertThat(next(COMPLIANCE_CHECKING, List.of(FLAGGED, CLEARED), PENDING_LEGS))
                    .isEqualTo(new NextStep.Wait("compliance_review"));
        }

        @Test
        void everyPartyClearedPassesTheComplianceGate() {
            assertThat(next(COMPLIANCE_CHECKING, List.of(CLEARED, CLEARED), PENDING_LEGS))
                    .isEqualTo(new NextStep.MoveTo(COMPLIANCE_CLEARED, "compliance_cleared"));
        }

        @Test
        void depositsPlayNoPartInCompliance() {
            assertThat(next(COMPLIANCE_CHECKING, List.of(CLEARED, CLEARED), List.of(LOCKED, LOCKED)))
                    .isEqualTo(new NextStep.MoveTo(COMPLIANCE_CLEARED, "compliance_cleared"));
        }
    }

    @Nested
    class AwaitingDeposits {

        static Stream<Arguments> legsAndNextStep() {
            NextStep wait = new NextStep.Wait("deposits");
            NextStep swap = new NextStep.MoveTo(EXECUTING_SWAP, "all_deposits_received");
            return Stream.of(
                    Arguments.of(List.of(LegStatus.PENDING, LegStatus.PENDING), wait),
                    Arguments.of(List.of(LOCKED, LegStatus.PENDING), wait),
                    Arguments.of(List.of(LegStatus.PENDING, LOCKED), wait),
                    Arguments.of(List.of(LOCKED, LegStatus.RELEASED), wait),
                    Arguments.of(List.of(LOCKED, LegStatus.ROLLED_BACK), wait),
                    Arguments.of(List.of(), wait),
                    Arguments.of(List.of(LOCKED), swap),
                    Arguments.of(List.of(LOCKED, LOCKED), swap),
                    Arguments.of(List.of(LOCKED, LOCKED, LOCKED), swap));
        }

        @ParameterizedTest(name = "legs {0} → {1}")
        @MethodSource("legsAndNextStep")
        void theNextStepFollowsTheDeposits(List<LegStatus> legs, NextStep expected) {
            assertThat(next(AWAITING_DEPOSITS, List.of(CLEARED, CLEARED), legs)).isEqualTo(expected);
        }

        @Test
        void aMissingDepositIsWaitedFor() {
            assertThat(next(AWAITING_DEPOSITS, List.of(CLEARED, CLEARED), List.of(LOCKED, LegStatus.PENDING)))
                    .isEqualTo(new NextStep.Wait("deposits"));
        }

        @Test
        void everyLegLockedStartsTheSwap() {
            assertThat(next(AWAITING_DEPOSITS, List.of(CLEARED, CLEARED), List.of(LOCKED, LOCKED)))
                    .isEqualTo(new NextStep.MoveTo(EXECUTING_SWAP, "all_deposits_received"));
        }
    }

    @Test
    void drivenByScreeningAndDepositsASettlementWalksTheHappyPathToFinalized() {
        SettlementSnapshot settlement = dvpFresh(INSTRUCTED);
        List<String> path = new ArrayList<>(List.of(settlement.state()));
        for (int step = 0; step < 20; step++) {
            NextStep next = EnginePolicy.next(settlement);
            if (next instanceof NextStep.Finished) {
                break;
            }
            settlement = switch (next) {
                case NextStep.Screen screen -> with(settlement, settlement.state(), List.of(CLEARED, CLEARED),
                        settlement.legs());
                case NextStep.Wait wait when wait.reason().equals("deposits") ->
                        with(settlement, settlement.state(), settlement.parties(), List.of(LOCKED, LOCKED));
                case NextStep.MoveTo move -> {
                    Lifecycle.check(settlement, move.state());
                    path.add(move.state());
                    yield with(settlement, move.state(), settlement.parties(), settlement.legs());
                }
                default -> throw new AssertionError("unexpected " + next + " in " + settlement.state());
            };
        }

        assertThat(path).containsExactly(INSTRUCTED, COMPLIANCE_CHECKING, COMPLIANCE_CLEARED, AWAITING_DEPOSITS,
                EXECUTING_SWAP, FINALIZED);
    }

    private static SettlementSnapshot with(SettlementSnapshot s, String state, List<PartyStatus> parties,
            List<LegStatus> legs) {
        return new SettlementSnapshot(s.id(), state, s.version() + 1, s.workflow(), s.timeoutAt(), parties, legs);
    }

    /** Policy and lifecycle agree: whatever the engine proposes, the lifecycle accepts. */
    @Nested
    class AgreesWithLifecycle {

        private static final long SEED = 20261101L;

        @ParameterizedTest(name = "{0}")
        @MethodSource("xyz.keystoneos.settlement.internal.domain.Workflows#seedSlugs")
        void everyMoveTheEngineProposesInARandomSnapshotIsAcceptedByTheLifecycle(String slug) {
            TemplateConfig workflow = Workflows.seed(slug);
            Random random = new Random(SEED);
            int moves = 0;
            for (int i = 0; i < 1000; i++) {
                String state = workflow.states().get(random.nextInt(workflow.states().size()));
                List<PartyStatus> parties = randomList(random, PartyStatus.values(), 0, 4);
                List<LegStatus> legs = randomList(random, LegStatus.values(), 0, 4);
                SettlementSnapshot settlement = Workflows.snapshot(workflow, state, parties, legs);

                NextStep next = EnginePolicy.next(settlement);

                assertThat(next instanceof NextStep.Finished).as("Finished iff terminal: %s", settlement)
                        .isEqualTo(workflow.isTerminal(state));
                if (next instanceof NextStep.Screen) {
                    assertThat(state).as("screening outside compliance: %s", settlement)
                            .isEqualTo(COMPLIANCE_CHECKING);
                }
                if (next instanceof NextStep.MoveTo move) {
                    moves++;
                    assertThatCode(() -> Lifecycle.check(settlement, move.state()))
                            .as("policy proposed %s for %s", move, settlement).doesNotThrowAnyException();
                }
            }
            assertThat(moves).as("the random snapshots exercise some moves").isGreaterThan(100);
        }

        @Test
        void everyMoveTheEngineProposesInEveryReachableCombinationIsAcceptedByTheLifecycle() {
            TemplateConfig workflow = Workflows.dvpStandard();
            for (String state : workflow.states()) {
                for (PartyStatus a : PartyStatus.values()) {
                    for (PartyStatus b : PartyStatus.values()) {
                        for (LegStatus x : LegStatus.values()) {
                            for (LegStatus y : LegStatus.values()) {
                                SettlementSnapshot settlement = Workflows.snapshot(workflow, state, List.of(a, b),
                                        List.of(x, y));
                                if (EnginePolicy.next(settlement) instanceof NextStep.MoveTo move) {
                                    try {
                                        Lifecycle.check(settlement, move.state());
                                    } catch (TransitionRefused e) {
                                        fail("policy proposed " + move + " for " + settlement + " but: "
                                                + e.getMessage());
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        private static <T> List<T> randomList(Random random, T[] values, int min, int max) {
            int size = min + random.nextInt(max - min + 1);
            List<T> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(values[random.nextInt(values.length)]);
            }
            return List.copyOf(list);
        }
    }
}
