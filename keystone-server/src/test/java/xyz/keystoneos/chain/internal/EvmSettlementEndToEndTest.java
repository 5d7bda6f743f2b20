package xyz.keystoneos.chain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.contracts.EvmClient;
import xyz.keystoneos.contracts.LocalEvmNode;
import xyz.keystoneos.contracts.TestTokenContract;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.TestPlatform;

/**
 * Two platforms settle a DvP on a real EVM node (ganache): the server deploys the contracts, creates the
 * settlement on chain once it awaits deposits, the wallets deposit with real transactions carrying the calldata the
 * API returns, the watcher turns the confirmed events into the state machine's moves, and the tokens are swapped
 * on chain. Also: a stopped watcher misses nothing and doubles nothing, and a reorg below the confirmation depth
 * never reaches the settlement.
 */
@DirtiesContext
@TestPropertySource(properties = {
        "keystone.chains.evm.1337.deploy-contracts=true",
        "keystone.chains.evm.1337.confirmations=2",
        "keystone.chains.evm.1337.poll-interval=PT0.1S"})
class EvmSettlementEndToEndTest extends IntegrationTest {

    @RegisterExtension
    static final LocalEvmNode NODE = new LocalEvmNode();

    private static final long CHAIN = LocalEvmNode.CHAIN_ID;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void chain(DynamicPropertyRegistry registry) {
        registry.add("keystone.chains.evm.1337.rpc-url", NODE::rpcUrl);
        registry.add("keystone.chains.evm.1337.signer-key", () -> NODE.privateKey(0));
    }

    static EvmClient seller;
    static EvmClient buyer;
    static TestTokenContract kbond;
    static TestTokenContract tusdc;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ChainEventWatcher watcher;
    @Autowired
    EvmNetworks networks;

    @BeforeAll
    static void wallets() {
        seller = NODE.client(1);
        buyer = NODE.client(2);
        try (EvmClient issuer = NODE.client(3)) {
            kbond = TestTokenContract.deploy(issuer, "KBOND");
            tusdc = TestTokenContract.deploy(issuer, "TUSDC");
        }
        kbond = kbond.as(seller);
        tusdc = tusdc.as(buyer);
        kbond.mint(seller.address(), BigInteger.valueOf(1_000_000));
        tusdc.mint(buyer.address(), new BigInteger("1000000000000000"));
    }

    @AfterAll
    static void closeWallets() {
        seller.close();
        buyer.close();
    }

    record Parties(TestPlatform sellerPlatform, String sellerToken, TestPlatform buyerPlatform, String buyerToken) {
    }

    private Parties parties() {
        TestPlatform sellerPlatform = newPlatform();
        TestPlatform buyerPlatform = newPlatform();
        return new Parties(sellerPlatform, tokenFor(sellerPlatform), buyerPlatform, tokenFor(buyerPlatform));
    }

    private String instruction(String role, String tradeReference, String wallet, String bondDirection,
            String cashDirection) {
        String reference = tradeReference == null ? "" : "\"trade_reference\": \"" + tradeReference + "\",";
        return """
                {
                  "idempotency_key": "%s", %s
                  "template_slug": "cross_platform_dvp",
                  "role": "%s",
                  "party": {"external_reference": "%s-EVM", "name": "%s wallet", "wallet_address": "%s",
                            "chain_id": %d},
                  "legs": [
                    {"instrument_id": "%s", "quantity": "100", "direction": "%s"},
                    {"leg_type": "payment", "instrument_id": "%s", "quantity": "2500.5", "direction": "%s"}
                  ],
                  "timeout_at": "%s"
                }""".formatted(UUID.randomUUID(), reference, role, role, role, wallet, CHAIN, kbond.address(),
                bondDirection, tusdc.address(), cashDirection, Instant.now().plus(Duration.ofHours(1)));
    }

    /** Both platforms instruct; answers the matched settlement's id. */
    private String matched(Parties parties) {
        ApiResponse first = api.post("/v1/instructions", parties.sellerToken(),
                instruction("seller", null, seller.address(), "deliver", "receive"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        ApiResponse second = api.post("/v1/instructions", parties.buyerToken(),
                instruction("buyer", first.text("trade_reference"), buyer.address(), "receive", "deliver"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.text("status")).isEqualTo("matched");
        return second.text("settlement_id");
    }

    private JsonNode settlement(String token, String id) {
        ApiResponse response = api.get("/v1/settlements/" + id, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    /** The deposit member of the caller's own leg, once the API publishes it with calldata. */
    private JsonNode ownDeposit(String token, String id, String role) {
        JsonNode found = Polling.until(() -> {
            pause(); // stay well inside the environment's rate limit
            return settlement(token, id);
        }, s -> ownLeg(s, role) != null, PATIENCE, role + "'s deposit instructions");
        assertThat(found.path("state").asText()).isEqualTo("AWAITING_DEPOSITS");
        return ownLeg(found, role).path("deposit");
    }

    private static JsonNode ownLeg(JsonNode settlement, String role) {
        for (JsonNode leg : settlement.path("legs")) {
            if (leg.path("party_role").asText().equals(role) && leg.path("deposit").path("calldata").isString()) {
                return leg;
            }
        }
        return null;
    }

    /** The wallet approves the escrow and sends the API's calldata to the API's escrow address; answers gas. */
    private static long deposit(EvmClient wallet, TestTokenContract token, JsonNode deposit, BigInteger amount) {
        String escrow = deposit.path("escrow_address").asText();
        long gas = token.as(wallet).approve(escrow, amount).getGasUsed().longValueExact();
        return gas + wallet.send(escrow, deposit.path("calldata").asText()).getGasUsed().longValueExact();
    }

    private String state(String token, String id) {
        return settlement(token, id).path("state").asText();
    }

    private List<String> legStatuses(String id) {
        return jdbc.sql("select status from evm_escrow_legs where settlement_id = :id order by leg_index")
                .param("id", UUID.fromString(id)).query(String.class).list();
    }

    /**
     * Waits until the watcher saw the escrow deliver every leg. The dev node mines only when it gets a
     * transaction, so the probe mines an empty block each time: the confirmations a live chain would add.
     */
    private void awaitReleasedOnChain(String id, Duration patience) {
        Polling.until(() -> {
            pause();
            NODE.mine();
            return legStatuses(id);
        }, s -> s.equals(List.of("released", "released")), patience, "settlement " + id + " executed on chain");
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long depositEvents(String id) {
        return jdbc.sql("select count(*) from chain_events where settlement_id = :id and event = 'LegDeposited'")
                .param("id", UUID.fromString(id)).query(Long.class).single();
    }

    private long settlementEvents(String id) {
        return jdbc.sql("select count(*) from settlement_events where settlement_id = :id")
                .param("id", UUID.fromString(id)).query(Long.class).single();
    }

    private static final BigInteger BONDS = BigInteger.valueOf(100);
    private static final BigInteger CASH = BigInteger.valueOf(2_500_500_000L); // 2500.5 TUSDC, 6 decimals

    @Test
    void twoPlatformsSettleOnChainAndTheTokensSwap() {
        Parties parties = parties();
        BigInteger sellerBonds = kbond.balanceOf(seller.address());
        BigInteger buyerBonds = kbond.balanceOf(buyer.address());
        BigInteger sellerCash = tusdc.balanceOf(seller.address());
        String escrowAddress = networks.network(CHAIN).contracts().escrow();
        BigInteger escrowBonds = kbond.balanceOf(escrowAddress);
        String id = matched(parties);

        JsonNode sellerDeposit = ownDeposit(parties.sellerToken(), id, "seller");
        JsonNode buyerDeposit = ownDeposit(parties.buyerToken(), id, "buyer");
        assertThat(sellerDeposit.path("escrow_address").asText())
                .isEqualTo(networks.network(CHAIN).contracts().escrow());
        long walletGas = deposit(seller, kbond, sellerDeposit, BONDS) + deposit(buyer, tusdc, buyerDeposit, CASH);
        NODE.mine(); // the second confirmation of the last deposit

        Polling.until(() -> {
            pause();
            return state(parties.sellerToken(), id);
        }, "FINALIZED"::equals, PATIENCE, "FINALIZED");
        awaitReleasedOnChain(id, PATIENCE);
        assertThat(kbond.balanceOf(seller.address())).isEqualTo(sellerBonds.subtract(BONDS));
        assertThat(kbond.balanceOf(buyer.address())).isEqualTo(buyerBonds.add(BONDS));
        assertThat(tusdc.balanceOf(seller.address())).isEqualTo(sellerCash.add(CASH));
        assertThat(kbond.balanceOf(escrowAddress)).as("nothing stays in escrow").isEqualTo(escrowBonds);
        assertThat(state(parties.buyerToken(), id)).isEqualTo("FINALIZED");
        assertThat(depositEvents(id)).isEqualTo(2);

        long operatorGas = jdbc.sql("select coalesce(sum(gas_used), 0) from chain_transactions where settlement_id = :id")
                .param("id", UUID.fromString(id)).query(Long.class).single();
        long operatorTransactions = jdbc.sql("select count(*) from chain_transactions where settlement_id = :id")
                .param("id", UUID.fromString(id)).query(Long.class).single();
        System.out.printf("GAS per settlement on chain %d: server %d in %d transactions, wallets %d"
                        + " (2 approvals + 2 deposits), total %d%n", CHAIN, operatorGas, operatorTransactions,
                walletGas, operatorGas + walletGas);
        assertThat(operatorTransactions).isEqualTo(8);
    }

    @Test
    void aStoppedWatcherMissesNoDepositAndAppliesNoneTwice() throws InterruptedException {
        Parties parties = parties();
        String id = matched(parties);
        JsonNode sellerDeposit = ownDeposit(parties.sellerToken(), id, "seller");
        JsonNode buyerDeposit = ownDeposit(parties.buyerToken(), id, "buyer");

        watcher.stop();
        try {
            deposit(seller, kbond, sellerDeposit, BONDS);
            deposit(buyer, tusdc, buyerDeposit, CASH);
            NODE.mine();
            NODE.mine();
            Thread.sleep(500);
            assertThat(legStatuses(id)).containsOnly("pending");
            assertThat(state(parties.sellerToken(), id)).isEqualTo("AWAITING_DEPOSITS");
        } finally {
            watcher.start();
        }

        Polling.until(() -> {
            pause();
            return state(parties.sellerToken(), id);
        }, "FINALIZED"::equals, PATIENCE, "FINALIZED");
        awaitReleasedOnChain(id, PATIENCE);
        long events = settlementEvents(id);
        assertThat(depositEvents(id)).isEqualTo(2);

        // Scan everything again, as after a deep reorg: already applied events stay applied once.
        long head = NODE.client(0).blockNumber();
        jdbc.sql("update chain_cursors set next_block = 0, last_block = null, last_hash = null where chain_id = :c")
                .param("c", CHAIN).update();
        NODE.mine();
        Polling.until(() -> jdbc.sql("select next_block from chain_cursors where chain_id = :c").param("c", CHAIN)
                .query(Long.class).single(), next -> next > head, PATIENCE, "the re-scan");
        assertThat(depositEvents(id)).isEqualTo(2);
        assertThat(settlementEvents(id)).isEqualTo(events);
        assertThat(state(parties.sellerToken(), id)).isEqualTo("FINALIZED");
    }

    @Test
    void aDepositRemovedByAReorgBeforeItsConfirmationIsNeverApplied() throws InterruptedException {
        Parties parties = parties();
        String id = matched(parties);
        JsonNode sellerDeposit = ownDeposit(parties.sellerToken(), id, "seller");
        String escrow = sellerDeposit.path("escrow_address").asText();
        kbond.approve(escrow, BONDS);

        String snapshot = NODE.snapshot();
        seller.send(escrow, sellerDeposit.path("calldata").asText()); // one block deep: not confirmed
        Thread.sleep(500);
        assertThat(legStatuses(id)).containsOnly("pending");
        NODE.revert(snapshot); // the block with the deposit is gone
        NODE.mine();
        NODE.mine();
        NODE.mine();
        Thread.sleep(500);
        assertThat(legStatuses(id)).containsOnly("pending");
        assertThat(depositEvents(id)).isZero();

        seller.send(escrow, sellerDeposit.path("calldata").asText());
        NODE.mine();
        Polling.until(() -> legStatuses(id), s -> s.get(0).equals("deposited"), PATIENCE, "the real deposit");
        assertThat(depositEvents(id)).isEqualTo(1);
    }

    /**
     * A measurement, not a check of behaviour: off in the normal build (it takes ~45 s). Run it with
     * {@code ./mvnw -pl keystone-server test -Dtest=EvmSettlementEndToEndTest -Dkeystone.measure=true}.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "keystone.measure", matches = "true")
    void measuresSettlementsPerMinuteOnTheLocalNode() throws Exception {
        int count = 6;
        List<Parties> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pairs.add(parties()); // one pair of environments per settlement: each has its own rate limit
        }
        kbond.approve(networks.network(CHAIN).contracts().escrow(), BONDS.multiply(BigInteger.valueOf(count)));
        tusdc.approve(networks.network(CHAIN).contracts().escrow(), CASH.multiply(BigInteger.valueOf(count)));
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<String>> settled = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Parties parties = pairs.get(i);
                settled.add(pool.submit(() -> {
                    String id = matched(parties);
                    JsonNode sellerDeposit = ownDeposit(parties.sellerToken(), id, "seller");
                    JsonNode buyerDeposit = ownDeposit(parties.buyerToken(), id, "buyer");
                    seller.send(sellerDeposit.path("escrow_address").asText(), sellerDeposit.path("calldata").asText());
                    buyer.send(buyerDeposit.path("escrow_address").asText(), buyerDeposit.path("calldata").asText());
                    NODE.mine();
                    awaitReleasedOnChain(id, Duration.ofSeconds(90));
                    return id;
                }));
            }
            for (int i = 0; i < count; i++) {
                assertThat(state(pairs.get(i).sellerToken(), settled.get(i).get())).isEqualTo("FINALIZED");
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("THROUGHPUT %d settlements executed on chain in %.1f s: %.1f settlements/minute%n", count,
                seconds, count * 60 / seconds);
    }
}
