package xyz.keystoneos.template;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import xyz.keystoneos.shared.web.FieldError;

/**
 * The workflow of a settlement template (the {@code config} member, JSON names in snake_case): a state machine
 * with gates, the roles and leg types a settlement needs, the compliance providers that screen its parties and
 * the actions run on entering a state.
 *
 * <p>Optional members get their defaults here: {@code failure_states}, {@code transitions}, {@code gates} and
 * {@code actions} empty, {@code required_roles} {@code ["seller", "buyer"]}, {@code compliance} without
 * providers. The required members {@code states}, {@code initial_state}, {@code terminal_states} and
 * {@code required_leg_types} stay {@code null} when absent so that {@link #validate()} can say so. Map members keep
 * the order they were given in.
 *
 * @param states           every state a settlement can be in
 * @param initialState     the state a new settlement starts in
 * @param terminalStates   states a settlement never leaves
 * @param failureStates    terminal states that mean the settlement failed (deposits are returned)
 * @param transitions      per state, the states it may move to
 * @param gates            per state, the condition for entering it
 * @param requiredRoles    the party roles every settlement must have
 * @param requiredLegTypes the leg types every settlement must have at least one leg of
 * @param compliance       the screening providers and when to screen again
 * @param actions          per state, the named actions the engine runs on entering it
 */
public record TemplateConfig(
        @JsonSetter(contentNulls = Nulls.FAIL) List<String> states,
        String initialState,
        @JsonSetter(contentNulls = Nulls.FAIL) List<String> terminalStates,
        @JsonSetter(contentNulls = Nulls.FAIL) List<String> failureStates,
        @JsonSetter(contentNulls = Nulls.FAIL) Map<String, Transition> transitions,
        @JsonSetter(contentNulls = Nulls.FAIL) Map<String, Gate> gates,
        @JsonSetter(contentNulls = Nulls.FAIL) List<String> requiredRoles,
        @JsonSetter(contentNulls = Nulls.FAIL) List<LegType> requiredLegTypes,
        Compliance compliance,
        @JsonSetter(contentNulls = Nulls.FAIL) Map<String, List<String>> actions) {

    /** The roles a template requires when it does not say. */
    public static final List<String> DEFAULT_REQUIRED_ROLES = List.of("seller", "buyer");

    public TemplateConfig {
        states = states == null ? null : copy(states, "states");
        terminalStates = terminalStates == null ? null : copy(terminalStates, "terminal_states");
        failureStates = failureStates == null ? List.of() : copy(failureStates, "failure_states");
        transitions = transitions == null ? Map.of() : copy(transitions, "transitions");
        gates = gates == null ? Map.of() : copy(gates, "gates");
        requiredRoles = requiredRoles == null ? DEFAULT_REQUIRED_ROLES : copy(requiredRoles, "required_roles");
        requiredLegTypes = requiredLegTypes == null ? null : copy(requiredLegTypes, "required_leg_types");
        compliance = compliance == null ? Compliance.NONE : compliance;
        actions = actions == null ? Map.of() : copyActions(actions);
    }

    /**
     * Checks the whole configuration and reports every problem at once, each with the JSON path of the offending
     * member (e.g. {@code config.transitions.AWAITING_DEPOSITS.allowed_next[1]}).
     *
     * @return the problems; empty when the configuration is a usable workflow
     */
    public List<FieldError> validate() {
        return new TemplateConfigValidator(this).validate();
    }

    /** Whether the template lets a settlement move from {@code from} to {@code to}. */
    public boolean allows(String from, String to) {
        Transition transition = transitions.get(from);
        return transition != null && transition.allowedNext().contains(to);
    }

    /** Whether {@code state} is terminal (a settlement in it never moves again). */
    public boolean isTerminal(String state) {
        return terminalStates != null && terminalStates.contains(state);
    }

    /** Whether {@code state} is a terminal state that means failure. */
    public boolean isFailure(String state) {
        return failureStates.contains(state);
    }

    /** The condition for entering {@code state}, if it has one. */
    public Optional<Gate> gateFor(String state) {
        return Optional.ofNullable(gates.get(state));
    }

    /** The actions to run on entering {@code state}; empty when there are none. */
    public List<String> actionsFor(String state) {
        return actions.getOrDefault(state, List.of());
    }

    /**
     * The states one state may move to.
     *
     * @param allowedNext the target states; empty when absent
     */
    public record Transition(@JsonSetter(contentNulls = Nulls.FAIL) List<String> allowedNext) {

        public Transition {
            allowedNext = allowedNext == null ? List.of() : copy(allowedNext, "allowed_next");
        }
    }

    /**
     * Which compliance providers screen the parties, and in which states the screening is repeated.
     *
     * @param entityProviders providers that screen a party's name
     * @param walletProviders providers that screen a party's wallet address
     * @param recheckAtStates states on entering which every party is screened again
     */
    public record Compliance(
            @JsonSetter(contentNulls = Nulls.FAIL) List<String> entityProviders,
            @JsonSetter(contentNulls = Nulls.FAIL) List<String> walletProviders,
            @JsonSetter(contentNulls = Nulls.FAIL) List<String> recheckAtStates) {

        /** No providers and no rechecks. */
        public static final Compliance NONE = new Compliance(List.of(), List.of(), List.of());

        public Compliance {
            entityProviders = entityProviders == null ? List.of() : copy(entityProviders, "entity_providers");
            walletProviders = walletProviders == null ? List.of() : copy(walletProviders, "wallet_providers");
            recheckAtStates = recheckAtStates == null ? List.of() : copy(recheckAtStates, "recheck_at_states");
        }
    }

    private static <T> List<T> copy(List<T> list, String name) {
        if (list.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(name + " must not contain null");
        }
        return List.copyOf(list);
    }

    private static <V> Map<String, V> copy(Map<String, V> map, String name) {
        if (map.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
            throw new IllegalArgumentException(name + " must not contain null keys or values");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static Map<String, List<String>> copyActions(Map<String, List<String>> actions) {
        Map<String, List<String>> copied = new LinkedHashMap<>();
        copy(actions, "actions").forEach((state, names) -> copied.put(state, copy(names, "actions." + state)));
        return Collections.unmodifiableMap(copied);
    }
}
