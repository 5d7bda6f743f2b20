package xyz.keystoneos.contracts;

/**
 * The three KeyStone contracts on one chain. {@link #deploy(EvmClient)} deploys them in order — registry,
 * coordinator (naming the registry), escrow (naming the coordinator) — and binds the escrow to the coordinator;
 * the deployer is the coordinator's first operator and the registry's first attester.
 */
public record KeystoneContracts(String registry, String coordinator, String escrow) {

    public static KeystoneContracts deploy(EvmClient client) {
        ComplianceRegistryContract registry = ComplianceRegistryContract.deploy(client);
        SettlementCoordinatorContract coordinator = SettlementCoordinatorContract.deploy(client, registry.address());
        KeystoneEscrowContract escrow = KeystoneEscrowContract.deploy(client, coordinator.address());
        coordinator.bindEscrow(escrow.address());
        return new KeystoneContracts(registry.address(), coordinator.address(), escrow.address());
    }

    public ComplianceRegistryContract registry(EvmClient client) {
        return new ComplianceRegistryContract(client, registry);
    }

    public SettlementCoordinatorContract coordinator(EvmClient client) {
        return new SettlementCoordinatorContract(client, coordinator);
    }

    public KeystoneEscrowContract escrow(EvmClient client) {
        return new KeystoneEscrowContract(client, escrow);
    }
}
