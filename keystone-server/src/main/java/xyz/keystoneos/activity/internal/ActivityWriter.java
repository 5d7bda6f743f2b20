package xyz.keystoneos.activity.internal;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.shared.database.RelaxedCommits;

/**
 * Writes entries in their own short transaction ({@code REQUIRES_NEW}, statements cancelled by the server after
 * 5 s), never in the transaction of the change they describe, and never lets a failure escape: an entry that cannot
 * be written is logged (with everything it would have said) and dropped, so the activity log can never fail or roll
 * back an API call. The log is at most once by design, so its transaction does not wait for the WAL flush
 * ({@link RelaxedCommits}).
 */
@Component
class ActivityWriter {

    private static final Logger log = LoggerFactory.getLogger(ActivityWriter.class);

    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(5);

    private final ActivityStore store;
    private final TransactionTemplate transactions;
    private final RelaxedCommits relaxedCommits;

    ActivityWriter(ActivityStore store, PlatformTransactionManager transactionManager, RelaxedCommits relaxedCommits) {
        this.store = store;
        this.relaxedCommits = relaxedCommits;
        this.transactions = new TransactionTemplate(transactionManager);
        transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** @return whether the entries were written */
    boolean write(List<NewActivity> entries) {
        if (entries.isEmpty()) {
            return true;
        }
        try {
            transactions.executeWithoutResult(status -> {
                relaxedCommits.forThisTransaction(status, STATEMENT_TIMEOUT);
                entries.forEach(store::insert);
            });
            return true;
        } catch (RuntimeException e) {
            log.error("Could not record activity {}; the API call itself was not affected", entries, e);
            return false;
        }
    }
}
