package xyz.keystoneos.chain.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import xyz.keystoneos.chain.Hex;
import xyz.keystoneos.chain.Keccak;
import xyz.keystoneos.contracts.ComplianceRegistryContract;
import xyz.keystoneos.contracts.LegSpec;
import xyz.keystoneos.contracts.OnchainState;
import xyz.keystoneos.contracts.SettlementCoordinatorContract;
import xyz.keystoneos.contracts.SettlementIds;
import xyz.keystoneos.contracts.TestTokenContract;

/**
 * Carries out one chain command by reconciling: it reads the settlement's state on chain and sends the next
 * transaction until the command's goal state is reached. Running a command twice (after a crash, a lost receipt or
 * a retry) therefore never repeats a step the chain already took.
 * <ul>
 * <li>{@code open}: createSettlement → COMPLIANCE_CHECKING → attest every party cleared → COMPLIANCE_CLEARED →
 * AWAITING_DEPOSITS; then the deposit instructions are published.</li>
 * <li>{@code release}: EXECUTING_SWAP (gate: every leg deposited on chain) → FINALIZED (the escrow delivers every
 * leg).</li>
 * <li>{@code refund}: TIMED_OUT when the settlement's {@code timeout_at} has passed, else ROLLED_BACK (the escrow
 * returns every deposit); nothing to do for a settlement never created on chain.</li>
 * </ul>
 */
@Component
class EvmSettlementDriver {

    /** A command that cannot succeed by retrying (the chain is in a state the command does not lead from). */
    static final class Unrecoverable extends RuntimeException {
        Unrecoverable(String message) {
            super(message);
        }
    }

    private static final int MAX_STEPS = 8;

    private final EvmNetworks networks;
    private final EvmEscrowStore store;
    private final ChainCommands commands;
    private final TransactionTemplate transactions;
    private final Map<String, Integer> decimals = new ConcurrentHashMap<>();

    EvmSettlementDriver(EvmNetworks networks, EvmEscrowStore store, ChainCommands commands,
            TransactionTemplate transactions) {
        this.networks = networks;
        this.store = store;
        this.commands = commands;
        this.transactions = transactions;
    }

    /** Runs the command; answers its outcome. */
    String run(ChainCommands.Command command) {
        EvmNetworks.Network network = networks.network(command.chainId());
        EvmEscrowStore.Escrow escrow = store.escrow(command.settlementId()).orElseThrow(() ->
                new Unrecoverable("no evm escrow for settlement " + command.settlementId()));
        byte[] id = SettlementIds.toBytes32(command.settlementId());
        SettlementCoordinatorContract coordinator = network.contracts().coordinator(network.client());
        return switch (command.kind()) {
            case OPEN -> open(command, network, escrow, id, coordinator);
            case RELEASE -> release(command, id, coordinator);
            case REFUND -> refund(command, network, escrow, id, coordinator);
        };
    }

    private String open(ChainCommands.Command command, EvmNetworks.Network network, EvmEscrowStore.Escrow escrow,
            byte[] id, SettlementCoordinatorContract coordinator) {
        if (escrow.status().equals("refunding") || escrow.status().equals("refunded")) {
            return "skipped: refunded before it was opened";
        }
        List<EvmEscrowStore.Leg> legs = store.legs(command.settlementId());
        Set<String> parties = new LinkedHashSet<>();
        legs.forEach(leg -> {
            parties.add(leg.depositorWallet());
            parties.add(leg.recipientWallet());
        });
        ComplianceRegistryContract registry = network.contracts().registry(network.client());
        for (int step = 0; step < MAX_STEPS; step++) {
            OnchainState state = coordinator.stateOf(id);
            switch (state) {
                case NONE -> record(command, "createSettlement", coordinator.createSettlement(id,
                        escrow.deadline().getEpochSecond(), List.copyOf(parties), specs(network, legs)));
                case INSTRUCTED -> record(command, "transition", coordinator.transition(id,
                        OnchainState.COMPLIANCE_CHECKING, evidence(command, state, OnchainState.COMPLIANCE_CHECKING)));
                case COMPLIANCE_CHECKING -> {
                    for (String party : parties) {
                        if (!registry.isCleared(id, party)) {
                            record(command, "attest", registry.attest(id, party, true,
                                    Keccak.keccak256(("keystone:compliance:cleared:" + command.settlementId() + ":"
                                            + party).getBytes(StandardCharsets.UTF_8))));
                        }
                    }
                    record(command, "transition", coordinator.transition(id, OnchainState.COMPLIANCE_CLEARED,
                            evidence(command, state, OnchainState.COMPLIANCE_CLEARED)));
                }
                case COMPLIANCE_CLEARED -> record(command, "transition", coordinator.transition(id,
                        OnchainState.AWAITING_DEPOSITS, evidence(command, state, OnchainState.AWAITING_DEPOSITS)));
                case AWAITING_DEPOSITS -> {
                    transactions.executeWithoutResult(status ->
                            store.markOpen(command.settlementId(), network.contracts().escrow()));
                    return "open on chain: awaiting deposits";
                }
                default -> throw new Unrecoverable("settlement is " + state + " on chain; cannot open it");
            }
        }
        throw new IllegalStateException("open did not reach AWAITING_DEPOSITS in " + MAX_STEPS + " steps");
    }

    private String release(ChainCommands.Command command, byte[] id, SettlementCoordinatorContract coordinator) {
        for (int step = 0; step < MAX_STEPS; step++) {
            OnchainState state = coordinator.stateOf(id);
            switch (state) {
                case AWAITING_DEPOSITS -> record(command, "transition", coordinator.transition(id,
                        OnchainState.EXECUTING_SWAP, evidence(command, state, OnchainState.EXECUTING_SWAP)));
                case EXECUTING_SWAP -> record(command, "transition", coordinator.transition(id,
                        OnchainState.FINALIZED, evidence(command, state, OnchainState.FINALIZED)));
                case FINALIZED -> {
                    return "finalized on chain";
                }
                default -> throw new Unrecoverable("settlement is " + state + " on chain; cannot release it");
            }
        }
        throw new IllegalStateException("release did not reach FINALIZED in " + MAX_STEPS + " steps");
    }

    private String refund(ChainCommands.Command command, EvmNetworks.Network network, EvmEscrowStore.Escrow escrow,
            byte[] id, SettlementCoordinatorContract coordinator) {
        OnchainState state = coordinator.stateOf(id);
        switch (state) {
            case NONE -> {
                transactions.executeWithoutResult(status -> store.markRefunded(command.settlementId()));
                return "nothing on chain to refund";
            }
            case ROLLED_BACK, TIMED_OUT -> {
                return "already " + state + " on chain";
            }
            case FINALIZED -> throw new Unrecoverable("settlement is FINALIZED on chain; nothing can be refunded");
            default -> {
                OnchainState target = Instant.now().isBefore(escrow.timeoutAt()) || state == OnchainState.EXECUTING_SWAP
                        ? OnchainState.ROLLED_BACK : OnchainState.TIMED_OUT;
                record(command, "transition", coordinator.transition(id, target, evidence(command, state, target)));
                return target + " on chain";
            }
        }
    }

    private List<LegSpec> specs(EvmNetworks.Network network, List<EvmEscrowStore.Leg> legs) {
        List<LegSpec> specs = new ArrayList<>();
        for (EvmEscrowStore.Leg leg : legs) {
            specs.add(new LegSpec(leg.tokenAddress(), baseUnits(network, leg), leg.depositorWallet(),
                    leg.recipientWallet(), Hex.decode(leg.depositKey())));
        }
        return specs;
    }

    /** The leg's quantity in the token's base units (quantity × 10^decimals). */
    private BigInteger baseUnits(EvmNetworks.Network network, EvmEscrowStore.Leg leg) {
        int places = decimals.computeIfAbsent(network.chainId() + ":" + leg.tokenAddress(),
                key -> new TestTokenContract(network.client(), leg.tokenAddress()).decimals());
        BigDecimal units = leg.quantity().movePointRight(places);
        try {
            return units.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new Unrecoverable("leg " + leg.legIndex() + ": quantity " + leg.quantity().toPlainString()
                    + " has more decimals than the token's " + places);
        }
    }

    private static byte[] evidence(ChainCommands.Command command, OnchainState from, OnchainState to) {
        return Keccak.keccak256((command.settlementId() + ":" + from + ":" + to + ":system:engine")
                .getBytes(StandardCharsets.UTF_8));
    }

    private void record(ChainCommands.Command command, String function, TransactionReceipt receipt) {
        transactions.executeWithoutResult(status -> commands.recordTransaction(command, function,
                receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact(),
                receipt.getGasUsed().longValueExact()));
    }
}
