package xyz.keystoneos.chain;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The escrow port the settlement engine drives. Every method joins the caller's transaction, so an escrow change
 * commits or rolls back together with the settlement transition that caused it. On an evm chain the database side
 * commits with the caller and the chain side follows from an outbox ({@code chain_commands}): see docs/chains.md.
 */
public interface ChainGateway {

    /**
     * Opens escrow for a settlement: one deposit key (keccak256 of a fresh per-leg secret) per leg. Calling it again
     * for the same settlement returns the legs opened the first time.
     */
    List<DepositInstructions> openEscrow(UUID settlementId, List<EscrowLeg> legs);

    /**
     * {@link #openEscrow(UUID, List)} for a settlement that times out at {@code timeoutAt}: an evm chain refunds
     * the deposits on its own (permissionless {@code timeout}) once that time and a grace period have passed.
     */
    default List<DepositInstructions> openEscrow(UUID settlementId, List<EscrowLeg> legs, Instant timeoutAt) {
        return openEscrow(settlementId, legs);
    }

    /** The deposit instructions of a settlement's legs (empty before escrow was opened). */
    List<DepositInstructions> depositInstructions(UUID settlementId);

    /**
     * {@link #depositInstructions(UUID)} of several settlements (a page of a list); every id is a key of the answer.
     * This default asks for each settlement in turn; an adapter that can read them together overrides it.
     */
    default Map<UUID, List<DepositInstructions>> depositInstructions(Collection<UUID> settlementIds) {
        Map<UUID, List<DepositInstructions>> all = new HashMap<>();
        settlementIds.forEach(id -> all.put(id, depositInstructions(id)));
        return all;
    }

    /** Whether every leg of the settlement is deposited (false before escrow was opened). */
    boolean allDeposited(UUID settlementId);

    /**
     * Delivers every deposited leg to its recipient in one step. Refuses (IllegalStateException) unless every leg is
     * deposited. Idempotent once released.
     */
    void release(UUID settlementId);

    /** Returns every deposited leg to its depositor; pending legs are closed. Idempotent. */
    void refund(UUID settlementId);
}
