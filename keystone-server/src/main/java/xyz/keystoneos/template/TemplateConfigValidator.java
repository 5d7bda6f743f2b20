package xyz.keystoneos.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import xyz.keystoneos.shared.web.FieldError;

/**
 * The rules behind {@link TemplateConfig#validate()}: the member lists are consistent (every name used is a
 * declared state), the state machine is well formed (terminal states have no exits, every other state has one,
 * every state is reachable from the initial state and can reach a terminal state), and roles and leg types are
 * present and distinct. One instance checks one configuration.
 */
final class TemplateConfigValidator {

    static final Pattern ROLE = Pattern.compile("^[a-z][a-z_]{0,31}$");

    private final TemplateConfig config;
    private final Set<String> states;
    private final Set<String> terminalStates;
    private final List<FieldError> errors = new ArrayList<>();

    TemplateConfigValidator(TemplateConfig config) {
        this.config = config;
        this.states = new LinkedHashSet<>(Objects.requireNonNullElse(config.states(), List.of()));
        this.terminalStates = new HashSet<>(Objects.requireNonNullElse(config.terminalStates(), List.of()));
    }

    List<FieldError> validate() {
        checkStates();
        checkInitialState();
        checkTerminalStates();
        checkFailureStates();
        checkTransitions();
        checkEveryNonTerminalStateHasAnExit();
        checkReachability();
        checkGates();
        checkRequiredRoles();
        checkRequiredLegTypes();
        checkCompliance();
        checkActions();
        return List.copyOf(errors);
    }

    private void checkStates() {
        if (config.states() == null) {
            reject("states", "is required");
            return;
        }
        if (config.states().isEmpty()) {
            reject("states", "must not be empty");
            return;
        }
        checkEachDistinct("states", config.states(), state -> state.isBlank() ? "must not be blank" : null);
    }

    private void checkInitialState() {
        if (config.initialState() == null) {
            reject("initial_state", "is required");
        } else {
            requireState("initial_state", config.initialState());
        }
    }

    private void checkTerminalStates() {
        if (config.terminalStates() == null) {
            reject("terminal_states", "is required");
        } else if (config.terminalStates().isEmpty()) {
            reject("terminal_states", "must not be empty");
        } else {
            checkEachDistinct("terminal_states", config.terminalStates(), this::notAState);
        }
    }

    private void checkFailureStates() {
        checkEachDistinct("failure_states", config.failureStates(), state -> terminalStates.contains(state)
                ? null : "'" + state + "' must also be one of the terminal_states");
    }

    private void checkTransitions() {
        config.transitions().forEach((from, transition) -> {
            String path = "transitions." + from;
            requireState(path, from);
            checkEachDistinct(path + ".allowed_next", transition.allowedNext(), this::notAState);
            if (terminalStates.contains(from) && !transition.allowedNext().isEmpty()) {
                reject(path + ".allowed_next", "must be empty: '" + from + "' is a terminal state");
            }
        });
    }

    private void checkEveryNonTerminalStateHasAnExit() {
        for (String state : states) {
            if (terminalStates.contains(state)) {
                continue;
            }
            TemplateConfig.Transition transition = config.transitions().get(state);
            String reason = "'" + state + "' is not a terminal state, so it needs at least one allowed_next state";
            if (transition == null) {
                reject("transitions." + state, "is required: " + reason);
            } else if (transition.allowedNext().isEmpty()) {
                reject("transitions." + state + ".allowed_next", "must not be empty: " + reason);
            }
        }
    }

    private void checkReachability() {
        Map<String, Set<String>> forward = new HashMap<>();
        Map<String, Set<String>> backward = new HashMap<>();
        config.transitions().forEach((from, transition) -> transition.allowedNext().forEach(to -> {
            if (states.contains(from) && states.contains(to)) {
                forward.computeIfAbsent(from, s -> new HashSet<>()).add(to);
                backward.computeIfAbsent(to, s -> new HashSet<>()).add(from);
            }
        }));
        if (states.contains(config.initialState())) {
            Set<String> reachable = closure(Set.of(config.initialState()), forward);
            forEachFirstOccurrence((index, state) -> {
                if (!reachable.contains(state)) {
                    reject("states[" + index + "]", "'" + state + "' is not reachable from initial_state '"
                            + config.initialState() + "'");
                }
            });
        }
        Set<String> knownTerminals = new HashSet<>(terminalStates);
        knownTerminals.retainAll(states);
        if (!knownTerminals.isEmpty()) {
            Set<String> canFinish = closure(knownTerminals, backward);
            forEachFirstOccurrence((index, state) -> {
                if (!canFinish.contains(state) && forward.containsKey(state)) {
                    reject("states[" + index + "]", "'" + state + "' cannot reach any terminal state");
                }
            });
        }
    }

    private void checkGates() {
        config.gates().keySet().forEach(state -> requireState("gates." + state, state));
    }

    private void checkRequiredRoles() {
        if (config.requiredRoles().isEmpty()) {
            reject("required_roles", "must not be empty");
            return;
        }
        checkEachDistinct("required_roles", config.requiredRoles(), role -> ROLE.matcher(role).matches()
                ? null : "must match " + ROLE.pattern() + " (a lowercase letter, then lowercase letters or '_')");
    }

    private void checkRequiredLegTypes() {
        if (config.requiredLegTypes() == null) {
            reject("required_leg_types", "is required");
        } else if (config.requiredLegTypes().isEmpty()) {
            reject("required_leg_types", "must not be empty");
        } else {
            checkEachDistinct("required_leg_types", config.requiredLegTypes(), legType -> null);
        }
    }

    private void checkCompliance() {
        TemplateConfig.Compliance compliance = config.compliance();
        checkEachDistinct("compliance.entity_providers", compliance.entityProviders(), TemplateConfigValidator::blank);
        checkEachDistinct("compliance.wallet_providers", compliance.walletProviders(), TemplateConfigValidator::blank);
        checkEachDistinct("compliance.recheck_at_states", compliance.recheckAtStates(), this::notAState);
    }

    private void checkActions() {
        config.actions().forEach((state, actions) -> {
            requireState("actions." + state, state);
            checkEachDistinct("actions." + state, actions, TemplateConfigValidator::blank);
        });
    }

    /** Rejects duplicates and, through {@code problem} (null = fine), individual bad entries of a list. */
    private <T> void checkEachDistinct(String path, List<T> values, Function<T, String> problem) {
        Set<T> seen = new HashSet<>();
        for (int index = 0; index < values.size(); index++) {
            T value = values.get(index);
            String message = problem.apply(value);
            if (message == null && !seen.add(value)) {
                String shown = value instanceof Enum<?> constant
                        ? constant.name().toLowerCase(Locale.ROOT) : value.toString();
                message = "duplicates '" + shown + "'";
            }
            if (message != null) {
                reject(path + "[" + index + "]", message);
            }
        }
    }

    private void requireState(String path, String state) {
        String message = notAState(state);
        if (message != null) {
            reject(path, message);
        }
    }

    /** Null when {@code state} is declared or no states are declared at all (already reported). */
    private String notAState(String state) {
        return states.isEmpty() || states.contains(state) ? null : "'" + state + "' is not one of the states";
    }

    private static String blank(String value) {
        return value.isBlank() ? "must not be blank" : null;
    }

    private void forEachFirstOccurrence(IndexedState action) {
        Set<String> seen = new HashSet<>();
        List<String> declared = config.states();
        for (int index = 0; index < declared.size(); index++) {
            if (seen.add(declared.get(index))) {
                action.accept(index, declared.get(index));
            }
        }
    }

    private static Set<String> closure(Set<String> start, Map<String, Set<String>> edges) {
        Set<String> visited = new HashSet<>(start);
        Deque<String> queue = new ArrayDeque<>(start);
        while (!queue.isEmpty()) {
            for (String next : edges.getOrDefault(queue.poll(), Set.of())) {
                if (visited.add(next)) {
                    queue.add(next);
                }
            }
        }
        return visited;
    }

    private void reject(String path, String message) {
        errors.add(new FieldError("config." + path, message));
    }

    @FunctionalInterface
    private interface IndexedState {
        void accept(int index, String state);
    }
}
