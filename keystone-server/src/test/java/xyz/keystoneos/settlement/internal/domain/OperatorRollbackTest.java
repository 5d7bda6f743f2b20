package xyz.keystoneos.settlement.internal.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static xyz.keystoneos.settlement.internal.domain.Workflows.dvpFresh;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link Lifecycle#checkOperatorRollback}: an operator may roll back any settlement that has not finished. */
class OperatorRollbackTest {

    @ParameterizedTest
    @ValueSource(strings = {"INSTRUCTED", "COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED", "AWAITING_DEPOSITS",
            "EXECUTING_SWAP"})
    void everyUnfinishedStateMayBeRolledBackEvenWhereTheWorkflowHasNoSuchTransition(String state) {
        assertThatCode(() -> Lifecycle.checkOperatorRollback(dvpFresh(state))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FINALIZED", "ROLLED_BACK", "TIMED_OUT"})
    void aFinishedSettlementCannotBeRolledBack(String state) {
        assertThatThrownBy(() -> Lifecycle.checkOperatorRollback(dvpFresh(state)))
                .isInstanceOf(TransitionRefused.class)
                .hasMessageContaining(state);
    }

    @Test
    void aWorkflowWithoutRolledBackCannotBeRolledBack() {
        var workflow = Workflows.workflow(List.of("OPEN", "DONE", "FAILED"), List.of("DONE", "FAILED"),
                List.of("FAILED"), Map.of("OPEN", List.of("DONE", "FAILED")), Map.of());

        assertThatThrownBy(() -> Lifecycle.checkOperatorRollback(Workflows.snapshot(workflow, "OPEN", List.of(),
                List.of())))
                .isInstanceOf(TransitionRefused.class)
                .hasMessageContaining("ROLLED_BACK");
    }
}
