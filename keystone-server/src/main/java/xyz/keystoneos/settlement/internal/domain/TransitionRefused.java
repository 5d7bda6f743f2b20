package xyz.keystoneos.settlement.internal.domain;

/** A transition the workflow does not allow, or whose gate is not satisfied. */
public class TransitionRefused extends RuntimeException {

    public TransitionRefused(String message) {
        super(message);
    }
}
