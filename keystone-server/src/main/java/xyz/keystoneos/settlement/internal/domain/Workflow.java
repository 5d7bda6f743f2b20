package xyz.keystoneos.settlement.internal.domain;

import java.util.List;
import java.util.Optional;
import xyz.keystoneos.template.Gate;
import xyz.keystoneos.template.TemplateConfig;

/**
 * Reads a template's state machine in the engine's terms. The engine is generic: it knows states only through
 * their gates and terminal/failure marks.
 * <ul>
 * <li>The <em>screening</em> state is the one from which the {@code compliance}-gated state is reached.</li>
 * <li>The <em>deposit</em> state is the one from which the {@code all_deposits}-gated (swap) state is reached;
 * escrow opens on entering it.</li>
 * <li>{@code ROLLED_BACK} and {@code TIMED_OUT} are the failure states the engine uses; a template the engine runs
 * must have them.</li>
 * </ul>
 */
public record Workflow(TemplateConfig config) {

    public static final String ROLLED_BACK = "ROLLED_BACK";
    public static final String TIMED_OUT = "TIMED_OUT";
    /** The one template action the engine performs (on the success state of a repo opening). */
    public static final String SCHEDULE_REPO_MATURITY = "schedule_repo_maturity";

    /** Why a template cannot be run by the engine, if it cannot. */
    public Optional<String> unsupportedBecause() {
        if (!config.isFailure(ROLLED_BACK) || !config.isFailure(TIMED_OUT)) {
            return Optional.of("the template must have the failure states ROLLED_BACK and TIMED_OUT");
        }
        if (gatedState(Gate.ALL_DEPOSITS).isEmpty()) {
            return Optional.of("the template has no state gated by all_deposits");
        }
        if (!config.compliance().recheckAtStates().isEmpty()) {
            return Optional.of("compliance.recheck_at_states is not supported by this engine yet");
        }
        Optional<String> unknownAction = config.actions().values().stream().flatMap(java.util.List::stream)
                .filter(action -> !SCHEDULE_REPO_MATURITY.equals(action)).findFirst();
        if (unknownAction.isPresent()) {
            return Optional.of("the action '" + unknownAction.get() + "' is not supported (supported: "
                    + SCHEDULE_REPO_MATURITY + ")");
        }
        return Optional.empty();
    }

    public String initialState() {
        return config.initialState();
    }

    public boolean isTerminal(String state) {
        return config.isTerminal(state);
    }

    public boolean isFailure(String state) {
        return config.isFailure(state);
    }

    public boolean isSuccess(String state) {
        return isTerminal(state) && !isFailure(state);
    }

    public Optional<String> gatedState(Gate gate) {
        return config.gates().entrySet().stream().filter(e -> e.getValue() == gate).map(e -> e.getKey())
                .findFirst();
    }

    /** The state whose successor is gated by {@code gate} ({@code COMPLIANCE_CHECKING}, {@code AWAITING_DEPOSITS}). */
    public Optional<String> stateBefore(Gate gate) {
        return gatedState(gate).flatMap(gated -> config.states().stream()
                .filter(state -> config.allows(state, gated)).findFirst());
    }

    public boolean opensEscrowOnEntering(String state) {
        return stateBefore(Gate.ALL_DEPOSITS).map(state::equals).orElse(false);
    }

    /**
     * Whether the settlement has reached the swap (the {@code all_deposits}-gated state) or gone past it — any state
     * reachable from the swap, and every terminal state: from there on a timeout no longer applies.
     */
    public boolean isPastDeposits(String state) {
        return isTerminal(state) || reachableFrom(gatedState(Gate.ALL_DEPOSITS).orElseThrow()).contains(state);
    }

    private java.util.Set<String> reachableFrom(String start) {
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        java.util.Deque<String> queue = new java.util.ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String state = queue.poll();
            if (seen.add(state)) {
                TemplateConfig.Transition transition = config.transitions().get(state);
                if (transition != null) {
                    queue.addAll(transition.allowedNext());
                }
            }
        }
        return seen;
    }

    /** The non-failure states the workflow allows after {@code state}. */
    public List<String> forwardStates(String state) {
        TemplateConfig.Transition transition = config.transitions().get(state);
        if (transition == null) {
            return List.of();
        }
        return transition.allowedNext().stream().filter(next -> !isFailure(next)).toList();
    }

    public boolean allows(String from, String to) {
        return config.allows(from, to);
    }

    public Optional<Gate> gateOf(String state) {
        return config.gateFor(state);
    }
}
