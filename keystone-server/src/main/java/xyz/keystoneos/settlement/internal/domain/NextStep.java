package xyz.keystoneos.settlement.internal.domain;

/** What the engine should do next with a settlement. */
public sealed interface NextStep {

    /** Move to this state now. */
    record MoveTo(String state, String reason) implements NextStep {
    }

    /** Screen the parties (they are still pending). */
    record Screen() implements NextStep {
    }

    /** Nothing to do until something outside happens (a human decision, a deposit). */
    record Wait(String reason) implements NextStep {
    }

    /** The settlement is in a terminal state. */
    record Finished() implements NextStep {
    }
}
