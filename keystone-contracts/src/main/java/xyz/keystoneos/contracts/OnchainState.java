package xyz.keystoneos.contracts;

/** {@code SettlementCoordinator.State}, in declaration order (the ordinal is the on-chain value). */
public enum OnchainState {
    NONE, INSTRUCTED, COMPLIANCE_CHECKING, COMPLIANCE_CLEARED, AWAITING_DEPOSITS, EXECUTING_SWAP, FINALIZED,
    ROLLED_BACK, TIMED_OUT;

    public boolean isTerminal() {
        return this == FINALIZED || this == ROLLED_BACK || this == TIMED_OUT;
    }

    public static OnchainState of(int value) {
        return values()[value];
    }
}
