package xyz.keystoneos.chain.internal;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The append-only {@code chain_ledger_entries}: one row per balance movement, written in the same transaction as
 * the movement. A database trigger refuses updates and deletes.
 */
@Repository
class LedgerJournal {

    /** What moved tokens. */
    enum Kind { MINT, DEPOSIT, RELEASE, REFUND }

    private final JdbcClient jdbc;

    LedgerJournal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A faucet mint into a wallet. */
    void mint(BalanceKey to, BigDecimal amount, String triggeredBy) {
        insert(Kind.MINT, to.chainId(), to.instrumentId(), amount, null, to.wallet(), null, null, triggeredBy);
    }

    /** A movement of one escrowed leg between a wallet and the chain's escrow. */
    void legMovement(Kind kind, EscrowLegRow leg, String from, String to, String triggeredBy) {
        insert(kind, leg.chainId(), leg.instrumentId(), leg.quantity(), from, to, leg.settlementId(),
                leg.legIndex(), triggeredBy);
    }

    private void insert(Kind kind, long chainId, String instrumentId, BigDecimal amount, String from, String to,
            UUID settlementId, Integer legIndex, String triggeredBy) {
        jdbc.sql("""
                insert into chain_ledger_entries (kind, chain_id, instrument_id, amount, from_address, to_address,
                                                  settlement_id, leg_index, triggered_by)
                values (:kind, :chain, :instrument, :amount, :from, :to, :settlement, :leg, :triggeredBy)""")
                .param("kind", kind.name().toLowerCase(Locale.ROOT)).param("chain", chainId)
                .param("instrument", instrumentId).param("amount", amount)
                .param("from", from, Types.VARCHAR).param("to", to)
                .param("settlement", settlementId, Types.OTHER).param("leg", legIndex, Types.INTEGER)
                .param("triggeredBy", triggeredBy, Types.VARCHAR).update();
    }
}
