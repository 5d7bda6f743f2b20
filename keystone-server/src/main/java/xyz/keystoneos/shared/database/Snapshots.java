package xyz.keystoneos.shared.database;

import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads that take several queries (a settlement, its parties, legs and compliance checks) but must show one
 * committed state: they run in one read-only {@code REPEATABLE READ} transaction, so every query sees the same
 * snapshot and a step the engine commits between two of them cannot show half-applied (for example a party still
 * {@code pending} beside a {@code flagged} check).
 *
 * <p>The isolation level is set by the transaction's first statement rather than through the JDBC connection: the
 * driver would send a session-level {@code SET} before the transaction and another one after it to restore the
 * pool's default, two round trips on every {@code GET} of a settlement instead of one.
 */
@Component
public class Snapshots {

    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;

    Snapshots(PlatformTransactionManager transactionManager, JdbcClient jdbc) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
    }

    /** Runs {@code read} in one snapshot; inside an existing transaction it simply joins it. */
    public <T> T read(Supplier<T> read) {
        return transactions.execute(status -> {
            if (status.isNewTransaction()) {
                jdbc.sql("set transaction isolation level repeatable read, read only").update();
            }
            return read.get();
        });
    }
}
