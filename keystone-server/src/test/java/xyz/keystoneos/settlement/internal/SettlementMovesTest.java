package xyz.keystoneos.settlement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.settlement.internal.domain.LegStatus;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.SettlementFlows;

/**
 * Who asks the engine to look again after a move: everyone but the engine's own run, which takes its next step by
 * itself (a queued job would only run it once more to find nothing to do). Each case marks the legs of a settlement
 * that waits for deposits as deposited and moves it on to EXECUTING_SWAP inside a transaction that is rolled back,
 * and looks at the queue from inside it.
 */
class SettlementMovesTest extends IntegrationTest {

    @Autowired
    SettlementMoves moves;

    @Autowired
    SettlementStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private UUID settlement;

    @BeforeEach
    void settlementWaitingForDeposits() {
        String id = new SettlementFlows(api).matchedSettlements(1, tokenFor(newPlatform()), tokenFor(newPlatform()),
                "AWAITING_DEPOSITS").getFirst();
        settlement = UUID.fromString(id);
        // the engine's run that brought it here is over once its advance job is gone
        Polling.until(this::queuedAdvanceJobs, n -> n == 0, Duration.ofSeconds(10), "the engine to finish its run");
    }

    private int queuedAdvanceJobs() {
        return jdbc.sql("select count(*) from engine_jobs where settlement_id = :id and kind = 'advance'")
                .param("id", settlement).query(Integer.class).single();
    }

    private int queuedAfter(boolean engineRun) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            // as if both parties had deposited (rolled back with the rest)
            store.setLegStatuses(settlement, LegStatus.PENDING, LegStatus.LOCKED);
            var loaded = store.lock(settlement).orElseThrow();
            if (engineRun) {
                moves.moveWithinEngineRun(loaded, "EXECUTING_SWAP", Map.of("reason", "test"));
            } else {
                moves.moveTo(loaded, "EXECUTING_SWAP", "test:operator", Map.of("reason", "test"));
            }
            return queuedAdvanceJobs();
        });
    }

    @Test
    void aMoveByAnyoneElseQueuesTheEngine() {
        assertThat(queuedAfter(false)).isEqualTo(1);
    }

    @Test
    void theEnginesOwnMoveDoesNotQueueItAgain() {
        assertThat(queuedAfter(true)).isZero();
    }
}
