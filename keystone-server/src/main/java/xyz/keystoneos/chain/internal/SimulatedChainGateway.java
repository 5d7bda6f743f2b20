package xyz.keystoneos.chain.internal;

import xyz.keystoneos.chain.InstrumentIds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import xyz.keystoneos.chain.ChainGateway;
import xyz.keystoneos.chain.DepositInstructions;
import xyz.keystoneos.chain.DepositStatus;
import xyz.keystoneos.chain.EscrowLeg;
import xyz.keystoneos.chain.WalletAddress;

/**
 * The {@code simulated} {@link ChainGateway}: escrow in {@code chain_escrow_legs}, balances in
 * {@code chain_balances}, every movement journaled. Each method joins the caller's transaction. Legs are locked in
 * index order and balances in {@link BalanceKey} order, so concurrent releases, refunds and deposits never
 * deadlock one another.
 */
@Component
class SimulatedChainGateway implements ChainGateway {

    private static final Comparator<EscrowLegRow> BY_RECIPIENT_ACCOUNT =
            Comparator.comparing(EscrowLegRow::recipientAccount).thenComparingInt(EscrowLegRow::legIndex);
    private static final Comparator<EscrowLegRow> BY_DEPOSITOR_ACCOUNT =
            Comparator.comparing(EscrowLegRow::depositorAccount).thenComparingInt(EscrowLegRow::legIndex);

    private final EscrowLegRepository legs;
    private final BalanceRepository balances;
    private final LedgerJournal journal;

    SimulatedChainGateway(EscrowLegRepository legs, BalanceRepository balances, LedgerJournal journal) {
        this.legs = legs;
        this.balances = balances;
        this.journal = journal;
    }

    /**
     * @throws IllegalArgumentException for a first call with no legs, duplicate or negative leg indexes, a
     *                                  non-positive chain id, a blank instrument or a malformed wallet
     */
    @Override
    @Transactional
    public List<DepositInstructions> openEscrow(UUID settlementId, List<EscrowLeg> newLegs) {
        legs.lockSettlement(settlementId);
        List<EscrowLegRow> existing = legs.findAll(settlementId);
        if (!existing.isEmpty()) {
            return instructions(existing);
        }
        checkLegs(newLegs);
        for (EscrowLeg leg : newLegs) {
            legs.insert(pendingRow(settlementId, leg));
        }
        return instructions(legs.findAll(settlementId));
    }

    @Override
    @Transactional(readOnly = true)
    public List<DepositInstructions> depositInstructions(UUID settlementId) {
        return instructions(legs.findAll(settlementId));
    }

    /** One read for all of them. */
    @Override
    @Transactional(readOnly = true)
    public Map<UUID, List<DepositInstructions>> depositInstructions(Collection<UUID> settlementIds) {
        Map<UUID, List<DepositInstructions>> all = new HashMap<>();
        settlementIds.forEach(id -> all.put(id, new ArrayList<>()));
        for (EscrowLegRow row : legs.findAll(settlementIds)) {
            all.get(row.settlementId()).add(row.instructions());
        }
        return all;
    }

    /** True while every leg sits deposited in escrow, and still once they were all released from it. */
    @Override
    @Transactional(readOnly = true)
    public boolean allDeposited(UUID settlementId) {
        return legs.allDeposited(settlementId);
    }

    @Override
    @Transactional
    public void release(UUID settlementId) {
        List<EscrowLegRow> locked = legs.lockAll(settlementId);
        if (locked.isEmpty()) {
            throw new IllegalStateException("Settlement " + settlementId + " has no escrow to release");
        }
        if (locked.stream().allMatch(leg -> leg.status() == DepositStatus.RELEASED)) {
            return;
        }
        List<String> notDeposited = locked.stream().filter(leg -> leg.status() != DepositStatus.DEPOSITED)
                .map(leg -> leg.legIndex() + " (" + leg.status().name().toLowerCase(Locale.ROOT) + ")")
                .toList();
        if (!notDeposited.isEmpty()) {
            throw new IllegalStateException("Settlement " + settlementId + " cannot be released: legs "
                    + String.join(", ", notDeposited) + " are not deposited");
        }
        for (EscrowLegRow leg : locked.stream().sorted(BY_RECIPIENT_ACCOUNT).toList()) {
            balances.credit(leg.recipientAccount(), leg.quantity());
            legs.setStatus(settlementId, leg.legIndex(), DepositStatus.RELEASED);
            journal.legMovement(LedgerJournal.Kind.RELEASE, leg, SimulatedEscrow.address(leg.chainId()),
                    leg.recipientWallet(), null);
        }
    }

    /**
     * @throws IllegalStateException when the settlement was already released: delivered assets are not taken back
     */
    @Override
    @Transactional
    public void refund(UUID settlementId) {
        List<EscrowLegRow> locked = legs.lockAll(settlementId);
        if (locked.stream().anyMatch(leg -> leg.status() == DepositStatus.RELEASED)) {
            throw new IllegalStateException("Settlement " + settlementId
                    + " was already released to its recipients and cannot be refunded");
        }
        List<EscrowLegRow> deposited = locked.stream().filter(leg -> leg.status() == DepositStatus.DEPOSITED)
                .sorted(BY_DEPOSITOR_ACCOUNT).toList();
        for (EscrowLegRow leg : deposited) {
            balances.credit(leg.depositorAccount(), leg.quantity());
            journal.legMovement(LedgerJournal.Kind.REFUND, leg, SimulatedEscrow.address(leg.chainId()),
                    leg.depositorWallet(), null);
        }
        for (EscrowLegRow leg : locked) {
            if (leg.status() != DepositStatus.REFUNDED) {
                legs.setStatus(settlementId, leg.legIndex(), DepositStatus.REFUNDED);
            }
        }
    }

    private static List<DepositInstructions> instructions(List<EscrowLegRow> rows) {
        return rows.stream().map(EscrowLegRow::instructions).toList();
    }

    private static EscrowLegRow pendingRow(UUID settlementId, EscrowLeg leg) {
        String secret = DepositSecrets.generate();
        return new EscrowLegRow(settlementId, leg.legIndex(), leg.chainId(),
                InstrumentIds.normalize(leg.instrumentId()), leg.quantity().value(),
                WalletAddress.normalize(leg.depositorWallet()), WalletAddress.normalize(leg.recipientWallet()),
                leg.owningPlatformId(), leg.owningEnvironmentId(), DepositSecrets.keyOf(secret), secret,
                DepositStatus.PENDING);
    }

    private static void checkLegs(List<EscrowLeg> newLegs) {
        if (newLegs == null || newLegs.isEmpty()) {
            throw new IllegalArgumentException("Escrow needs at least one leg");
        }
        Set<Integer> indexes = new HashSet<>();
        for (EscrowLeg leg : newLegs) {
            if (leg.legIndex() < 0 || !indexes.add(leg.legIndex())) {
                throw new IllegalArgumentException("Leg indexes must be unique and not negative: " + leg.legIndex());
            }
            if (leg.chainId() <= 0) {
                throw new IllegalArgumentException("Leg " + leg.legIndex() + " has no valid chain id");
            }
            if (leg.quantity() == null || leg.owningPlatformId() == null || leg.owningEnvironmentId() == null) {
                throw new IllegalArgumentException("Leg " + leg.legIndex()
                        + " needs a quantity and its owning platform and environment");
            }
        }
    }
}
