package xyz.keystoneos.sdk.model;

import java.util.List;
import java.util.Map;

/**
 * The workflow of a template. States are plain strings here because templates may define their own.
 *
 * @param states           every state
 * @param initialState     the first state
 * @param terminalStates   states never left
 * @param failureStates    terminal states meaning failure
 * @param transitions      per state, the states it may move to
 * @param gates            per state, the condition for entering it ({@code compliance} or {@code all_deposits})
 * @param requiredRoles    party roles every settlement must have
 * @param requiredLegTypes leg types every settlement must have
 * @param compliance       screening providers
 * @param actions          per state, actions the engine runs on entering it
 */
public record TemplateConfig(List<String> states, String initialState, List<String> terminalStates,
        List<String> failureStates, Map<String, Transition> transitions, Map<String, String> gates,
        List<String> requiredRoles, List<LegType> requiredLegTypes, Compliance compliance,
        Map<String, List<String>> actions) {

    /**
     * Creates a configuration; collections are copied ({@code null} becomes empty).
     *
     * @param states           the states
     * @param initialState     the initial state
     * @param terminalStates   the terminal states
     * @param failureStates    the failure states
     * @param transitions      the transitions
     * @param gates            the gates
     * @param requiredRoles    the required roles
     * @param requiredLegTypes the required leg types
     * @param compliance       the compliance providers
     * @param actions          the actions
     */
    public TemplateConfig {
        states = Copies.list(states);
        terminalStates = Copies.list(terminalStates);
        failureStates = Copies.list(failureStates);
        transitions = Copies.map(transitions);
        gates = Copies.map(gates);
        requiredRoles = Copies.list(requiredRoles);
        requiredLegTypes = Copies.list(requiredLegTypes);
        actions = Copies.map(actions);
    }

    /**
     * The states one state may move to.
     *
     * @param allowedNext the target states
     */
    public record Transition(List<String> allowedNext) {

        /**
         * Creates a transition; the list is copied ({@code null} becomes empty).
         *
         * @param allowedNext the target states
         */
        public Transition {
            allowedNext = Copies.list(allowedNext);
        }
    }

    /**
     * Which providers screen the parties, and in which states screening repeats.
     *
     * @param entityProviders providers screening names
     * @param walletProviders providers screening wallets
     * @param recheckAtStates states on entering which parties are screened again
     */
    public record Compliance(List<String> entityProviders, List<String> walletProviders,
            List<String> recheckAtStates) {

        /**
         * Creates the section; lists are copied ({@code null} becomes empty).
         *
         * @param entityProviders entity providers
         * @param walletProviders wallet providers
         * @param recheckAtStates recheck states
         */
        public Compliance {
            entityProviders = Copies.list(entityProviders);
            walletProviders = Copies.list(walletProviders);
            recheckAtStates = Copies.list(recheckAtStates);
        }
    }
}
