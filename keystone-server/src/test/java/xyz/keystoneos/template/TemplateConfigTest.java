package xyz.keystoneos.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.shared.web.FieldError;

class TemplateConfigTest {

    private static List<String> fields(TemplateConfig config) {
        return config.validate().stream().map(FieldError::field).toList();
    }

    private static String messageFor(TemplateConfig config, String field) {
        return config.validate().stream().filter(e -> e.field().equals(field)).map(FieldError::message)
                .findFirst().orElseThrow(() -> new AssertionError("no error for " + field + ": " + config.validate()));
    }

    @Test
    void standardDvpWorkflowIsValid() {
        assertThat(ConfigBuilder.standard().build().validate()).isEmpty();
    }

    @Test
    void absentOptionalMembersTakeTheirDefaults() {
        TemplateConfig config = new TemplateConfig(List.of("OPEN", "DONE"), "OPEN", List.of("DONE"), null,
                Map.of("OPEN", new TemplateConfig.Transition(List.of("DONE"))), null, null,
                List.of(LegType.ASSET_DELIVERY), null, null);

        assertThat(config.validate()).isEmpty();
        assertThat(config.requiredRoles()).containsExactly("seller", "buyer");
        assertThat(config.failureStates()).isEmpty();
        assertThat(config.gates()).isEmpty();
        assertThat(config.actions()).isEmpty();
        assertThat(config.compliance()).isEqualTo(TemplateConfig.Compliance.NONE);
    }

    @Test
    void absentRequiredMembersAreReportedAsRequired() {
        TemplateConfig config = new TemplateConfig(null, null, null, null, null, null, null, null, null, null);

        assertThat(config.validate()).containsExactly(
                new FieldError("config.states", "is required"),
                new FieldError("config.initial_state", "is required"),
                new FieldError("config.terminal_states", "is required"),
                new FieldError("config.required_leg_types", "is required"));
    }

    @Test
    void emptyStatesAreRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.states = List.of();

        assertThat(messageFor(builder.build(), "config.states")).isEqualTo("must not be empty");
    }

    @Test
    void duplicateStateIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.states.add("FINALIZED");

        assertThat(messageFor(builder.build(), "config.states[8]")).isEqualTo("duplicates 'FINALIZED'");
    }

    @Test
    void blankStateIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.states.add(" ");

        assertThat(fields(builder.build())).contains("config.states[8]");
        assertThat(messageFor(builder.build(), "config.states[8]")).isEqualTo("must not be blank");
    }

    @Test
    void initialStateThatIsNotAStateIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.initialState = "CREATED";

        assertThat(messageFor(builder.build(), "config.initial_state")).isEqualTo("'CREATED' is not one of the states");
    }

    @Test
    void emptyTerminalStatesAreRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.terminalStates = List.of();

        assertThat(messageFor(builder.build(), "config.terminal_states")).isEqualTo("must not be empty");
    }

    @Test
    void terminalStateThatIsNotAStateIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.terminalStates.add("CANCELLED");

        assertThat(fields(builder.build())).containsExactly("config.terminal_states[3]");
    }

    @Test
    void failureStateThatIsNotTerminalIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.failureStates.add("EXECUTING_SWAP");

        assertThat(fields(builder.build())).containsExactly("config.failure_states[2]");
        assertThat(messageFor(builder.build(), "config.failure_states[2]"))
                .isEqualTo("'EXECUTING_SWAP' must also be one of the terminal_states");
    }

    @Test
    void transitionsForAnUnknownStateAreRejected() {
        ConfigBuilder builder = ConfigBuilder.standard().transition("PAUSED", "FINALIZED");

        assertThat(fields(builder.build())).containsExactly("config.transitions.PAUSED");
    }

    @Test
    void transitionToAnUnknownStateIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard()
                .transition("AWAITING_DEPOSITS", "EXECUTING_SWAP", "CANCELLED", "ROLLED_BACK", "TIMED_OUT");

        assertThat(fields(builder.build())).containsExactly("config.transitions.AWAITING_DEPOSITS.allowed_next[1]");
    }

    @Test
    void terminalStateWithAnExitIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard().transition("FINALIZED", "ROLLED_BACK");

        assertThat(fields(builder.build())).containsExactly("config.transitions.FINALIZED.allowed_next");
        assertThat(messageFor(builder.build(), "config.transitions.FINALIZED.allowed_next"))
                .isEqualTo("must be empty: 'FINALIZED' is a terminal state");
    }

    @Test
    void nonTerminalStateWithoutTransitionsIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.transitions.remove("EXECUTING_SWAP");

        assertThat(fields(builder.build())).contains("config.transitions.EXECUTING_SWAP");
    }

    @Test
    void nonTerminalStateWithEmptyAllowedNextIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard().transition("EXECUTING_SWAP");

        assertThat(fields(builder.build())).contains("config.transitions.EXECUTING_SWAP.allowed_next");
    }

    @Test
    void stateUnreachableFromTheInitialStateIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard()
                .transition("AWAITING_DEPOSITS", "EXECUTING_SWAP", "ROLLED_BACK");

        assertThat(fields(builder.build())).containsExactly("config.states[7]");
        assertThat(messageFor(builder.build(), "config.states[7]"))
                .isEqualTo("'TIMED_OUT' is not reachable from initial_state 'INSTRUCTED'");
    }

    @Test
    void stateThatCannotReachATerminalStateIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.states.add("ON_HOLD");
        builder.transition("COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED", "ROLLED_BACK", "ON_HOLD");
        builder.transition("ON_HOLD", "ON_HOLD");

        assertThat(fields(builder.build())).containsExactly("config.states[8]");
        assertThat(messageFor(builder.build(), "config.states[8]"))
                .isEqualTo("'ON_HOLD' cannot reach any terminal state");
    }

    @Test
    void gateOnAnUnknownStateIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.gates.put("SWAPPING", Gate.ALL_DEPOSITS);

        assertThat(fields(builder.build())).containsExactly("config.gates.SWAPPING");
    }

    @Test
    void emptyRequiredRolesAreRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.requiredRoles = List.of();

        assertThat(fields(builder.build())).containsExactly("config.required_roles");
    }

    @Test
    void malformedRoleIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.requiredRoles = List.of("seller", "Buyer-1");

        assertThat(fields(builder.build())).containsExactly("config.required_roles[1]");
    }

    @Test
    void roleLongerThan32CharactersIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.requiredRoles = List.of("seller", "b".repeat(33));

        assertThat(fields(builder.build())).containsExactly("config.required_roles[1]");
    }

    @Test
    void duplicateRoleIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.requiredRoles = List.of("seller", "buyer", "seller");

        assertThat(messageFor(builder.build(), "config.required_roles[2]")).isEqualTo("duplicates 'seller'");
    }

    @Test
    void emptyRequiredLegTypesAreRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.requiredLegTypes = List.of();

        assertThat(fields(builder.build())).containsExactly("config.required_leg_types");
    }

    @Test
    void duplicateLegTypeIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.requiredLegTypes = List.of(LegType.PAYMENT, LegType.PAYMENT);

        assertThat(messageFor(builder.build(), "config.required_leg_types[1]")).isEqualTo("duplicates 'payment'");
    }

    @Test
    void complianceRecheckAtAnUnknownStateIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.compliance = new TemplateConfig.Compliance(List.of("sanctions_list"), List.of(),
                List.of("AWAITING_DEPOSITS", "SETTLING"));

        assertThat(fields(builder.build())).containsExactly("config.compliance.recheck_at_states[1]");
    }

    @Test
    void blankComplianceProviderIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.compliance = new TemplateConfig.Compliance(List.of(""), List.of("sanctions_list"), List.of());

        assertThat(fields(builder.build())).containsExactly("config.compliance.entity_providers[0]");
    }

    @Test
    void actionsOnAnUnknownStateAreRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.actions.put("MATURED", List.of("schedule_repo_maturity"));

        assertThat(fields(builder.build())).containsExactly("config.actions.MATURED");
    }

    @Test
    void blankActionNameIsRejected() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.actions.put("FINALIZED", List.of("schedule_repo_maturity", " "));

        assertThat(fields(builder.build())).containsExactly("config.actions.FINALIZED[1]");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.initialState = "CREATED";
        builder.gates.put("SWAPPING", Gate.ALL_DEPOSITS);
        builder.requiredRoles = new ArrayList<>();

        assertThat(fields(builder.build()))
                .containsExactly("config.initial_state", "config.gates.SWAPPING", "config.required_roles");
    }

    @Test
    void nullEntriesAreRefusedOnConstruction() {
        List<String> states = new ArrayList<>(List.of("OPEN"));
        states.add(null);

        assertThatThrownBy(() -> new TemplateConfig(states, "OPEN", List.of("OPEN"), null, null, null, null,
                List.of(LegType.PAYMENT), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("states");
    }

    @Test
    void allowsOnlyDeclaredTransitions() {
        TemplateConfig config = ConfigBuilder.standard().build();

        assertThat(config.allows("INSTRUCTED", "COMPLIANCE_CHECKING")).isTrue();
        assertThat(config.allows("AWAITING_DEPOSITS", "TIMED_OUT")).isTrue();
        assertThat(config.allows("INSTRUCTED", "FINALIZED")).isFalse();
        assertThat(config.allows("FINALIZED", "ROLLED_BACK")).isFalse();
        assertThat(config.allows("UNKNOWN", "FINALIZED")).isFalse();
    }

    @Test
    void terminalStatesAreRecognised() {
        TemplateConfig config = ConfigBuilder.standard().build();

        assertThat(config.isTerminal("FINALIZED")).isTrue();
        assertThat(config.isTerminal("TIMED_OUT")).isTrue();
        assertThat(config.isTerminal("EXECUTING_SWAP")).isFalse();
        assertThat(config.isFailure("ROLLED_BACK")).isTrue();
        assertThat(config.isFailure("FINALIZED")).isFalse();
    }

    @Test
    void gateForNamesTheConditionOfEnteringAState() {
        TemplateConfig config = ConfigBuilder.standard().build();

        assertThat(config.gateFor("COMPLIANCE_CLEARED")).contains(Gate.COMPLIANCE);
        assertThat(config.gateFor("EXECUTING_SWAP")).contains(Gate.ALL_DEPOSITS);
        assertThat(config.gateFor("AWAITING_DEPOSITS")).isEmpty();
    }

    @Test
    void actionsForListsTheActionsOfAState() {
        ConfigBuilder builder = ConfigBuilder.standard();
        builder.actions.put("FINALIZED", List.of("schedule_repo_maturity"));
        TemplateConfig config = builder.build();

        assertThat(config.actionsFor("FINALIZED")).containsExactly("schedule_repo_maturity");
        assertThat(config.actionsFor("ROLLED_BACK")).isEmpty();
    }
}
