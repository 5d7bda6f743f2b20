package xyz.keystoneos.chain.internal;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code chain_balances}. The {@code amount >= 0} check is the last line of defence against overdrafts. */
@Repository
class BalanceRepository {

    private final JdbcClient jdbc;

    BalanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The balance, zero for a wallet never funded. */
    BigDecimal amount(BalanceKey key) {
        return jdbc.sql("""
                select amount from chain_balances
                where chain_id = :chain and instrument_id = :instrument and wallet_address = :wallet""")
                .params(params(key)).query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);
    }

    /** The balance, its row locked until the end of the transaction; zero (and nothing locked) when absent. */
    BigDecimal lockAmount(BalanceKey key) {
        return jdbc.sql("""
                select amount from chain_balances
                where chain_id = :chain and instrument_id = :instrument and wallet_address = :wallet
                for update""")
                .params(params(key)).query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);
    }

    /** Adds to the balance, creating the row if needed; returns the new balance. */
    BigDecimal credit(BalanceKey key, BigDecimal amount) {
        return jdbc.sql("""
                insert into chain_balances (chain_id, instrument_id, wallet_address, amount)
                values (:chain, :instrument, :wallet, :amount)
                on conflict (chain_id, instrument_id, wallet_address)
                do update set amount = chain_balances.amount + excluded.amount, updated_at = now()
                returning amount""")
                .params(params(key)).param("amount", amount).query(BigDecimal.class).single();
    }

    /**
     * Subtracts from a balance known to cover the amount (lock it with {@link #lockAmount} first).
     *
     * @throws IllegalStateException if it does not cover it after all
     */
    void debit(BalanceKey key, BigDecimal amount) {
        int updated = jdbc.sql("""
                update chain_balances set amount = amount - :amount, updated_at = now()
                where chain_id = :chain and instrument_id = :instrument and wallet_address = :wallet
                  and amount >= :amount""")
                .params(params(key)).param("amount", amount).update();
        if (updated != 1) {
            throw new IllegalStateException("Balance " + key + " does not cover " + amount.toPlainString());
        }
    }

    private static Map<String, Object> params(BalanceKey key) {
        return Map.of("chain", key.chainId(), "instrument", key.instrumentId(), "wallet", key.wallet());
    }
}
