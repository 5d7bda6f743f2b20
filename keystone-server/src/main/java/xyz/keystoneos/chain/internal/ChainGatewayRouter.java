package xyz.keystoneos.chain.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import xyz.keystoneos.chain.ChainGateway;
import xyz.keystoneos.chain.DepositInstructions;
import xyz.keystoneos.chain.EscrowLeg;

/**
 * The {@link ChainGateway} other modules get: per chain id, the {@code evm} adapter for the chains configured under
 * {@code keystone.chains.evm}, the {@code simulated} one for every other. A settlement stays with the adapter that
 * opened its escrow; legs on an evm chain and legs elsewhere cannot share one escrow.
 */
@Primary
@Component
class ChainGatewayRouter implements ChainGateway {

    private final SimulatedChainGateway simulated;
    private final EvmChainGateway evm;

    ChainGatewayRouter(SimulatedChainGateway simulated, EvmChainGateway evm) {
        this.simulated = simulated;
        this.evm = evm;
    }

    @Override
    @Transactional
    public List<DepositInstructions> openEscrow(UUID settlementId, List<EscrowLeg> legs) {
        return openEscrow(settlementId, legs, null);
    }

    @Override
    @Transactional
    public List<DepositInstructions> openEscrow(UUID settlementId, List<EscrowLeg> legs, Instant timeoutAt) {
        if (!evm.enabled()) {
            return simulated.openEscrow(settlementId, legs);
        }
        if (evm.holds(settlementId)) {
            return evm.openEscrow(settlementId, legs, timeoutAt);
        }
        if (!simulated.depositInstructions(settlementId).isEmpty() || legs == null || legs.isEmpty()) {
            return simulated.openEscrow(settlementId, legs);
        }
        long onEvm = legs.stream().filter(leg -> evm.serves(leg.chainId())).count();
        if (onEvm == 0) {
            return simulated.openEscrow(settlementId, legs);
        }
        if (onEvm != legs.size()) {
            throw new IllegalArgumentException("Settlement " + settlementId
                    + " mixes legs on evm chains with legs on simulated chains");
        }
        return evm.openEscrow(settlementId, legs, timeoutAt);
    }

    @Override
    public List<DepositInstructions> depositInstructions(UUID settlementId) {
        return adapter(settlementId).depositInstructions(settlementId);
    }

    /** Without evm chains every settlement is on the simulated ledger, which reads them together. */
    @Override
    public Map<UUID, List<DepositInstructions>> depositInstructions(Collection<UUID> settlementIds) {
        return evm.enabled() ? ChainGateway.super.depositInstructions(settlementIds)
                : simulated.depositInstructions(settlementIds);
    }

    @Override
    public boolean allDeposited(UUID settlementId) {
        return adapter(settlementId).allDeposited(settlementId);
    }

    @Override
    public void release(UUID settlementId) {
        adapter(settlementId).release(settlementId);
    }

    @Override
    public void refund(UUID settlementId) {
        adapter(settlementId).refund(settlementId);
    }

    private ChainGateway adapter(UUID settlementId) {
        return evm.enabled() && evm.holds(settlementId) ? evm : simulated;
    }
}
