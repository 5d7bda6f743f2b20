package xyz.keystoneos.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static xyz.keystoneos.chain.ChainFixtures.SEPOLIA;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.Quantity;
import xyz.keystoneos.support.IntegrationTest;

/**
 * Deposits, releases, refunds and faucets racing each other on shared wallets: no deadlock, no lost update, and
 * conservation still holds at the end.
 */
class ConcurrentEscrowTest extends IntegrationTest {

    private static final int THREADS = 6;
    private static final int SETTLEMENTS = 30;

    @Autowired
    ChainGateway gateway;

    @Autowired
    SandboxLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Test
    void racingOperationsNeitherDeadlockNorCreateOrLoseTokens() throws InterruptedException {
        String instrument = ChainFixtures.instrument("RACE");
        UUID platformId = UUID.randomUUID();
        UUID environmentId = UUID.randomUUID();
        Random random = new Random(42);
        List<String> wallets = List.of(ChainFixtures.wallet(random), ChainFixtures.wallet(random),
                ChainFixtures.wallet(random), ChainFixtures.wallet(random));
        for (String wallet : wallets) {
            ledger.faucet(SEPOLIA, instrument, wallet, Quantity.parse("100000"));
        }
        List<Runnable> tasks = new ArrayList<>();
        List<UUID> settlementIds = new ArrayList<>();
        for (int s = 0; s < SETTLEMENTS; s++) {
            UUID settlementId = UUID.randomUUID();
            settlementIds.add(settlementId);
            List<EscrowLeg> legs = List.of(
                    ChainFixtures.leg(0, SEPOLIA, instrument, "10", wallets.get(s % 4), wallets.get((s + 1) % 4),
                            platformId, environmentId),
                    ChainFixtures.leg(1, SEPOLIA, instrument, "7.5", wallets.get((s + 2) % 4),
                            wallets.get((s + 3) % 4), platformId, environmentId));
            List<DepositInstructions> opened = gateway.openEscrow(settlementId, legs);
            for (DepositInstructions leg : opened) {
                tasks.add(() -> ledger.deposit(settlementId, leg.legIndex(), leg.depositSecret(), environmentId,
                        "m2m:race"));
            }
            tasks.add(() -> gateway.release(settlementId));
            tasks.add(() -> gateway.release(settlementId));
            if (s % 3 == 0) {
                tasks.add(() -> gateway.refund(settlementId));
            }
            String wallet = wallets.get(s % 4);
            tasks.add(() -> ledger.faucet(SEPOLIA, instrument, wallet, Quantity.parse("1")));
        }
        Collections.shuffle(tasks, random);

        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (Runnable task : tasks) {
            pool.submit(() -> {
                try {
                    task.run();
                } catch (ApiException | IllegalStateException expected) {
                    // escrow closed before a deposit, release before every deposit, refund after release
                } catch (Throwable e) {
                    unexpected.add(e);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

        assertThat(unexpected).isEmpty();
        int releasedSettlements = 0;
        for (UUID settlementId : settlementIds) {
            List<DepositStatus> statuses = gateway.depositInstructions(settlementId).stream()
                    .map(DepositInstructions::status).toList();
            long released = statuses.stream().filter(status -> status == DepositStatus.RELEASED).count();
            assertThat(released).as("legs of %s released together or not at all", settlementId)
                    .isIn(0L, (long) statuses.size());
            if (released == 0) {
                gateway.refund(settlementId);
            } else {
                releasedSettlements++;
            }
        }
        assertThat(releasedSettlements).as("some settlements got both deposits before a release").isPositive();
        // every escrow is now closed, so all that was minted sits in wallets again
        BigDecimal held = jdbc.sql("select sum(amount) from chain_balances where instrument_id = :instrument")
                .param("instrument", instrument).query(BigDecimal.class).single();
        assertThat(held).isEqualByComparingTo(new BigDecimal(400_000 + SETTLEMENTS));
    }
}
