package xyz.keystoneos.shared.database;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads that take several queries (a settlement, its parties, legs and compliance checks) but must show one
 * committed state: they run in one read-only {@code REPEATABLE READ} transaction, so every query sees the same
 * snapshot and a step the engine commits between two of them cannot show half-applied (for example a party still
 * {@code pending} beside a {@code flagged} check).
 */
@Component
public class Snapshots {

    private final TransactionTemplate snapshot;

    Snapshots(PlatformTransactionManager transactionManager) {
        snapshot = new TransactionTemplate(transactionManager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** Runs {@code read} in one snapshot; inside an existing transaction it simply joins it. */
    public <T> T read(Supplier<T> read) {
        return snapshot.execute(status -> read.get());
    }
}
