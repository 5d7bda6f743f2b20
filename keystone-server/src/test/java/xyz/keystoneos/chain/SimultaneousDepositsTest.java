package xyz.keystoneos.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static xyz.keystoneos.chain.ChainFixtures.SEPOLIA;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.shared.web.Quantity;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;

/**
 * The two parties of a settlement depositing their legs at the same moment (on two nodes): whichever deposit
 * commits last must see the other and report every leg deposited, or nobody would wake the engine and the
 * settlement would sit in AWAITING_DEPOSITS until it timed out.
 */
class SimultaneousDepositsTest extends IntegrationTest {

    @Autowired
    ChainGateway gateway;

    @Autowired
    SandboxLedger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theLaterOfTwoConcurrentDepositsSeesTheEarlierAndReportsAllDeposited() throws Exception {
        String instrument = ChainFixtures.instrument("BOTH");
        UUID environmentId = UUID.randomUUID();
        String seller = ChainFixtures.wallet();
        String buyer = ChainFixtures.wallet();
        ledger.faucet(SEPOLIA, instrument, seller, Quantity.parse("10"));
        ledger.faucet(SEPOLIA, instrument, buyer, Quantity.parse("5"));
        UUID settlementId = UUID.randomUUID();
        List<DepositInstructions> legs = gateway.openEscrow(settlementId, List.of(
                ChainFixtures.leg(0, SEPOLIA, instrument, "10", seller, buyer, UUID.randomUUID(), environmentId),
                ChainFixtures.leg(1, SEPOLIA, instrument, "5", buyer, seller, UUID.randomUUID(), environmentId)));

        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch firstDeposited = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<LegDeposited> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            LegDeposited deposited = ledger.deposit(settlementId, 0, legs.get(0).depositSecret(), environmentId,
                    "m2m:seller");
            firstDeposited.countDown();
            try {
                assertThat(commitFirst.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return deposited;
        }), threads);
        assertThat(firstDeposited.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<LegDeposited> second = CompletableFuture.supplyAsync(() -> ledger.deposit(settlementId, 1,
                legs.get(1).depositSecret(), environmentId, "m2m:buyer"), threads);
        // The second deposit either waits for the first to commit, or (the bug) goes ahead without seeing it.
        Polling.until(() -> second.isDone() || waitingForALock(), Boolean::booleanValue, Duration.ofSeconds(30),
                "the second deposit to finish or wait for the first");
        commitFirst.countDown();

        LegDeposited earlier = first.get(30, TimeUnit.SECONDS);
        LegDeposited later = second.get(30, TimeUnit.SECONDS);
        assertThat(earlier.allDeposited()).isFalse();
        assertThat(later.allDeposited()).as("the later deposit completes the settlement's escrow").isTrue();
        assertThat(gateway.allDeposited(settlementId)).isTrue();
        threads.close();
    }

    private boolean waitingForALock() {
        return jdbc.sql("""
                select exists (select 1 from pg_stat_activity where datname = current_database()
                               and wait_event_type = 'Lock' and query like '%chain_escrow_legs%')""")
                .query(Boolean.class).single();
    }
}
