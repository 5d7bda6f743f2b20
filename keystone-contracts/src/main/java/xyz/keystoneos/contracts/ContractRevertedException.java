package xyz.keystoneos.contracts;

/**
 * A transaction or call the chain refused. {@link #reason()} names the contract's custom error when it is known
 * ({@code InvalidDepositSecret}, {@code TransitionNotRegistered(4,6)}), else the node's message.
 */
public class ContractRevertedException extends RuntimeException {

    private final String reason;

    public ContractRevertedException(String operation, String reason) {
        super(operation + " reverted: " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
