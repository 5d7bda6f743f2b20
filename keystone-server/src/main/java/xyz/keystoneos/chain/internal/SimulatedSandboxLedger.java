package xyz.keystoneos.chain.internal;

import xyz.keystoneos.chain.InstrumentIds;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import xyz.keystoneos.chain.DepositStatus;
import xyz.keystoneos.chain.LegDeposited;
import xyz.keystoneos.chain.SandboxLedger;
import xyz.keystoneos.chain.WalletAddress;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.Quantity;

/**
 * {@link SandboxLedger} over the simulated chain's tables. A deposit locks its leg, then the depositor's balance;
 * the {@link LegDeposited} event is published inside the deposit's transaction, so a listener that fails rolls the
 * deposit back.
 */
@Service
class SimulatedSandboxLedger implements SandboxLedger {

    private final EscrowLegRepository legs;
    private final BalanceRepository balances;
    private final LedgerJournal journal;
    private final ApplicationEventPublisher events;

    SimulatedSandboxLedger(EscrowLegRepository legs, BalanceRepository balances, LedgerJournal journal,
            ApplicationEventPublisher events) {
        this.legs = legs;
        this.balances = balances;
        this.journal = journal;
        this.events = events;
    }

    @Override
    @Transactional
    public BigDecimal faucet(long chainId, String instrumentId, String wallet, Quantity quantity,
            String triggeredBy) {
        BalanceKey account = account(chainId, instrumentId, wallet);
        BigDecimal balance = balances.credit(account, quantity.value());
        journal.mint(account, quantity.value(), triggeredBy);
        return balance;
    }

    @Override
    @Transactional
    public LegDeposited deposit(UUID settlementId, int legIndex, String depositSecret, UUID callerEnvironmentId,
            String triggeredBy) {
        // Every leg of the settlement is locked (in index order, like release and refund), not just this one: two
        // legs deposited at the same moment are serialised, so the later sees the earlier and reports
        // allDeposited. Locking only its own leg, each saw the other still pending and nobody woke the engine.
        EscrowLegRow leg = legs.lockAll(settlementId).stream().filter(row -> row.legIndex() == legIndex).findFirst()
                .filter(row -> row.owningEnvironmentId().equals(callerEnvironmentId))
                .orElseThrow(() -> ApiException.notFound("leg_not_found", "Settlement " + settlementId
                        + " has no escrowed leg " + legIndex + " that your environment deposits"));
        if (!DepositSecrets.opens(depositSecret, leg.depositKey())) {
            throw ApiException.unprocessable("invalid_deposit_secret",
                    "The deposit secret does not match the leg's deposit key (keccak256(secret) != deposit_key)");
        }
        switch (leg.status()) {
            case DEPOSITED -> throw ApiException.conflict("leg_already_deposited",
                    "Leg " + legIndex + " of settlement " + settlementId + " is already deposited");
            case RELEASED, REFUNDED -> throw ApiException.conflict("escrow_closed", "The escrow of settlement "
                    + settlementId + " is closed: leg " + legIndex + " was " + status(leg.status()));
            case PENDING -> moveIntoEscrow(leg, triggeredBy);
        }
        LegDeposited deposited = new LegDeposited(settlementId, legIndex, legs.allDeposited(settlementId),
                triggeredBy);
        events.publishEvent(deposited);
        return deposited;
    }

    @Override
    @Transactional(readOnly = true)
    public BigDecimal balance(long chainId, String instrumentId, String wallet) {
        return balances.amount(account(chainId, instrumentId, wallet));
    }

    private void moveIntoEscrow(EscrowLegRow leg, String triggeredBy) {
        BalanceKey depositor = leg.depositorAccount();
        BigDecimal available = balances.lockAmount(depositor);
        if (available.compareTo(leg.quantity()) < 0) {
            throw ApiException.unprocessable("insufficient_balance", "Wallet " + leg.depositorWallet() + " holds "
                    + Amounts.text(available) + " " + leg.instrumentId() + " on chain " + leg.chainId()
                    + "; the leg needs " + Amounts.text(leg.quantity()))
                    .with("available", Amounts.text(available)).with("required", Amounts.text(leg.quantity()));
        }
        balances.debit(depositor, leg.quantity());
        legs.setStatus(leg.settlementId(), leg.legIndex(), DepositStatus.DEPOSITED);
        journal.legMovement(LedgerJournal.Kind.DEPOSIT, leg, leg.depositorWallet(),
                SimulatedEscrow.address(leg.chainId()), triggeredBy);
    }

    private static BalanceKey account(long chainId, String instrumentId, String wallet) {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain id must be positive");
        }
        return new BalanceKey(chainId, InstrumentIds.normalize(instrumentId), WalletAddress.normalize(wallet));
    }

    private static String status(DepositStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
