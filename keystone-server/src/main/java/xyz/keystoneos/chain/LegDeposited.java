package xyz.keystoneos.chain;

import java.util.UUID;

/**
 * Published (synchronously, inside the deposit's transaction) when a leg is deposited into escrow.
 *
 * @param allDeposited whether every leg of the settlement is now deposited
 * @param triggeredBy  who deposited: {@code m2m:<client_id>} for the sandbox endpoint, {@code chain:<tx>} on chain
 */
public record LegDeposited(UUID settlementId, int legIndex, boolean allDeposited, String triggeredBy) {
}
