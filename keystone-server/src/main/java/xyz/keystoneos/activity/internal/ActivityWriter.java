package xyz.keystoneos.activity.internal;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import xyz.keystoneos.shared.database.RelaxedCommitConnections;

/**
 * Writes entries on their own ({@link RelaxedCommitConnections}: one statement for one entry, one transaction for
 * several; statements cancelled by the server after 5 s), never in the transaction of the change they describe, and
 * never lets a failure escape: an entry that cannot be written is logged (with everything it would have said) and
 * dropped, so the activity log can never fail or roll back an API call. The log is at most once by design, so its
 * commits do not wait for the WAL flush.
 */
@Component
class ActivityWriter {

    private static final Logger log = LoggerFactory.getLogger(ActivityWriter.class);

    private final ActivityStore store;
    private final RelaxedCommitConnections connections;

    ActivityWriter(ActivityStore store, RelaxedCommitConnections connections) {
        this.store = store;
        this.connections = connections;
    }

    /** @return whether the entries were written */
    boolean write(List<NewActivity> entries) {
        if (entries.isEmpty()) {
            return true;
        }
        try {
            if (entries.size() == 1) {
                store.insert(entries.getFirst());
            } else {
                connections.inTransaction(status -> {
                    entries.forEach(store::insert);
                    return null;
                });
            }
            return true;
        } catch (RuntimeException e) {
            log.error("Could not record activity {}; the API call itself was not affected", entries, e);
            return false;
        }
    }
}
