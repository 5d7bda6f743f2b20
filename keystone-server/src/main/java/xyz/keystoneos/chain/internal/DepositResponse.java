package xyz.keystoneos.chain.internal;

import java.util.UUID;
import xyz.keystoneos.chain.DepositStatus;
import xyz.keystoneos.chain.LegDeposited;

/** Answer to a sandbox deposit: the leg is now {@code deposited}; {@code all_deposited} covers the settlement. */
record DepositResponse(UUID settlementId, int legIndex, DepositStatus status, boolean allDeposited) {

    static DepositResponse of(LegDeposited event) {
        return new DepositResponse(event.settlementId(), event.legIndex(), DepositStatus.DEPOSITED,
                event.allDeposited());
    }
}
