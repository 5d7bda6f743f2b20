package xyz.keystoneos.chain.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import xyz.keystoneos.chain.ChainGateway;
import xyz.keystoneos.chain.DepositInstructions;
import xyz.keystoneos.chain.DepositStatus;
import xyz.keystoneos.chain.EscrowLeg;
import xyz.keystoneos.chain.InstrumentIds;
import xyz.keystoneos.chain.WalletAddress;

/**
 * The {@code evm} {@link ChainGateway}: the same contract as the simulated one, with the chain behind an outbox.
 * Each method changes only the database, in the caller's transaction, and enqueues the chain command that follows
 * from it ({@code open}, {@code release}, {@code refund}); {@link ChainCommandWorker} executes those on chain
 * afterwards, and {@link ChainEventWatcher} turns the escrow's confirmed events back into leg statuses and
 * {@link xyz.keystoneos.chain.LegDeposited} events. Deposit instructions are published once the settlement exists
 * on chain in {@code AWAITING_DEPOSITS}.
 */
@Component
class EvmChainGateway implements ChainGateway {

    /** Used when a caller opens escrow without a timeout (the engine always passes one). */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private final EvmEscrowStore store;
    private final ChainCommands commands;
    private final EvmNetworks networks;

    EvmChainGateway(EvmEscrowStore store, ChainCommands commands, EvmNetworks networks) {
        this.store = store;
        this.commands = commands;
        this.networks = networks;
    }

    /** Whether any chain is configured for this adapter. */
    boolean enabled() {
        return !networks.chainIds().isEmpty();
    }

    boolean serves(long chainId) {
        return networks.serves(chainId);
    }

    boolean holds(UUID settlementId) {
        return store.holds(settlementId);
    }

    @Override
    @Transactional
    public List<DepositInstructions> openEscrow(UUID settlementId, List<EscrowLeg> legs) {
        return openEscrow(settlementId, legs, null);
    }

    @Override
    @Transactional
    public List<DepositInstructions> openEscrow(UUID settlementId, List<EscrowLeg> legs, Instant timeoutAt) {
        store.lockSettlement(settlementId);
        if (store.holds(settlementId)) {
            return instructions(settlementId, true);
        }
        long chainId = checkLegs(legs);
        Instant timeout = timeoutAt != null ? timeoutAt : Instant.now().plus(DEFAULT_WINDOW);
        store.insertEscrow(settlementId, chainId, timeout, timeout.plus(networks.settings(chainId).getTimeoutGrace()));
        for (EscrowLeg leg : legs) {
            String secret = DepositSecrets.generate();
            store.insertLeg(new EvmEscrowStore.Leg(settlementId, leg.legIndex(), chainId,
                    InstrumentIds.normalize(leg.instrumentId()), networks.tokenAddress(chainId, leg.instrumentId()),
                    leg.quantity().value(), WalletAddress.normalize(leg.depositorWallet()),
                    WalletAddress.normalize(leg.recipientWallet()), leg.owningPlatformId(), leg.owningEnvironmentId(),
                    DepositSecrets.keyOf(secret), secret, DepositStatus.PENDING));
        }
        commands.enqueue(settlementId, chainId, ChainCommands.Kind.OPEN);
        return instructions(settlementId, true);
    }

    /** Empty until the settlement exists on chain and takes deposits (and after it was refunded). */
    @Override
    @Transactional(readOnly = true)
    public List<DepositInstructions> depositInstructions(UUID settlementId) {
        return instructions(settlementId, false);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean allDeposited(UUID settlementId) {
        return store.allDeposited(settlementId);
    }

    @Override
    @Transactional
    public void release(UUID settlementId) {
        EvmEscrowStore.Escrow escrow = store.lockEscrow(settlementId).orElseThrow(() ->
                new IllegalStateException("Settlement " + settlementId + " has no escrow to release"));
        if (escrow.status().equals("releasing") || escrow.status().equals("released")) {
            return;
        }
        List<EvmEscrowStore.Leg> legs = store.lockLegs(settlementId);
        List<String> notDeposited = legs.stream().filter(leg -> leg.status() != DepositStatus.DEPOSITED)
                .map(leg -> leg.legIndex() + " (" + leg.status().name().toLowerCase(Locale.ROOT) + ")").toList();
        if (!notDeposited.isEmpty() || !escrow.status().equals("open")) {
            throw new IllegalStateException("Settlement " + settlementId + " cannot be released: escrow is "
                    + escrow.status() + (notDeposited.isEmpty() ? "" : ", legs " + String.join(", ", notDeposited)
                    + " are not deposited"));
        }
        store.setStatus(settlementId, "releasing");
        commands.enqueue(settlementId, escrow.chainId(), ChainCommands.Kind.RELEASE);
    }

    @Override
    @Transactional
    public void refund(UUID settlementId) {
        EvmEscrowStore.Escrow escrow = store.lockEscrow(settlementId).orElse(null);
        if (escrow == null || escrow.status().equals("refunding") || escrow.status().equals("refunded")) {
            return;
        }
        if (escrow.status().equals("releasing") || escrow.status().equals("released")) {
            throw new IllegalStateException("Settlement " + settlementId
                    + " was already released to its recipients and cannot be refunded");
        }
        store.setStatus(settlementId, "refunding");
        commands.enqueue(settlementId, escrow.chainId(), ChainCommands.Kind.REFUND);
    }

    private List<DepositInstructions> instructions(UUID settlementId, boolean evenIfNotOpen) {
        EvmEscrowStore.Escrow escrow = store.escrow(settlementId).orElse(null);
        if (escrow == null) {
            return List.of();
        }
        boolean published = escrow.escrowAddress() != null && !escrow.status().equals("opening")
                && !escrow.status().equals("refunded");
        if (!published && !evenIfNotOpen) {
            return List.of();
        }
        String escrowAddress = escrow.escrowAddress() != null ? escrow.escrowAddress()
                : networks.escrowAddress(escrow.chainId());
        return store.legs(settlementId).stream().map(leg -> new DepositInstructions(leg.legIndex(), escrowAddress,
                leg.chainId(), leg.depositKey(), leg.depositSecret(),
                DepositCalldata.encode(settlementId, leg.legIndex(), leg.depositSecret()), leg.status(),
                leg.owningPlatformId(), leg.owningEnvironmentId())).toList();
    }

    private long checkLegs(List<EscrowLeg> legs) {
        if (legs == null || legs.isEmpty()) {
            throw new IllegalArgumentException("Escrow needs at least one leg");
        }
        Set<Integer> indexes = new HashSet<>();
        Set<Long> chains = new HashSet<>();
        for (EscrowLeg leg : legs) {
            if (leg.legIndex() < 0 || !indexes.add(leg.legIndex())) {
                throw new IllegalArgumentException("Leg indexes must be unique and not negative: " + leg.legIndex());
            }
            if (leg.quantity() == null || leg.owningPlatformId() == null || leg.owningEnvironmentId() == null) {
                throw new IllegalArgumentException("Leg " + leg.legIndex()
                        + " needs a quantity and its owning platform and environment");
            }
            chains.add(leg.chainId());
        }
        if (chains.size() != 1) {
            throw new IllegalArgumentException("An evm escrow holds the legs of one chain; these are on " + chains);
        }
        return chains.iterator().next();
    }
}
