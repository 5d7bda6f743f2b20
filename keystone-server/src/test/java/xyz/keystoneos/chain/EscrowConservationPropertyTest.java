package xyz.keystoneos.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.Quantity;
import xyz.keystoneos.support.IntegrationTest;

/**
 * Balances are never created or lost (SPEC §10): random interleavings of faucets, deposits (good and bad),
 * releases and refunds, checked after every step against the ledger's invariants and an in-memory model.
 */
class EscrowConservationPropertyTest extends IntegrationTest {

    private static final int SCENARIOS = 120;
    private static final int STEPS = 50;
    private static final long SEED = 0x5EED_C4A1L;
    private static final long[] CHAINS = {ChainFixtures.SEPOLIA, 1L};

    @Autowired
    ChainGateway gateway;

    @Autowired
    SandboxLedger ledger;

    @Autowired
    JdbcClient jdbc;

    @Test
    void balancesPlusEscrowAlwaysEqualWhatWasMintedAndNeverGoNegative() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int scenario = 0; scenario < SCENARIOS; scenario++) {
            new Scenario(new Random(SEED + scenario), "PROP-" + run + "-" + scenario + "-", outcomes).play();
        }
        System.out.println("[property] " + SCENARIOS + " scenarios x " + STEPS + " steps: " + outcomes);
        assertThat(outcomes).as("every kind of step happened often enough to mean something")
                .containsOnlyKeys("deposited", "insufficient_balance", "invalid_deposit_secret", "leg_not_found",
                        "leg_already_deposited", "escrow_closed", "released", "release_refused", "refunded",
                        "refund_refused", "faucet")
                .allSatisfy((outcome, count) -> assertThat(count).as(outcome).isGreaterThanOrEqualTo(20));
    }

    /** The expected state of one leg, mirrored from what the ledger should do. */
    private static final class ModelLeg {
        final UUID settlementId;
        final EscrowLeg leg;
        final String secret;
        DepositStatus status = DepositStatus.PENDING;

        ModelLeg(UUID settlementId, EscrowLeg leg, String secret) {
            this.settlementId = settlementId;
            this.leg = leg;
            this.secret = secret;
        }

        String account() {
            return leg.chainId() + "/" + leg.instrumentId() + "/" + leg.depositorWallet();
        }
    }

    private final class Scenario {

        private final Random random;
        private final String prefix;
        private final String[] instruments;
        private final List<String> wallets = new ArrayList<>();
        private final UUID platformId = UUID.randomUUID();
        private final UUID[] environments = {UUID.randomUUID(), UUID.randomUUID()};
        private final Map<UUID, List<ModelLeg>> settlements = new LinkedHashMap<>();
        private final Map<String, BigDecimal> balances = new HashMap<>();
        private final List<String> log = new ArrayList<>();
        private final Map<String, Integer> outcomes;

        Scenario(Random random, String prefix, Map<String, Integer> outcomes) {
            this.random = random;
            this.prefix = prefix;
            this.outcomes = outcomes;
            this.instruments = new String[] {prefix + "BOND", prefix + "CASH"};
            for (int i = 0; i < 4; i++) {
                wallets.add(ChainFixtures.wallet(random));
            }
        }

        void play() {
            for (int i = 0; i < 3; i++) {
                open();
            }
            for (int step = 0; step < STEPS; step++) {
                int action = random.nextInt(100);
                if (action < 25) {
                    faucet();
                } else if (action < 70) {
                    deposit();
                } else if (action < 82) {
                    release();
                } else if (action < 88) {
                    refund();
                } else {
                    open();
                }
                checkInvariants();
            }
            checkJournalReplaysToBalances();
        }

        private void open() {
            UUID settlementId = UUID.randomUUID();
            int legCount = 1 + random.nextInt(3);
            List<EscrowLeg> legs = new ArrayList<>();
            for (int index = 0; index < legCount; index++) {
                int from = random.nextInt(wallets.size());
                int to = (from + 1 + random.nextInt(wallets.size() - 1)) % wallets.size();
                legs.add(ChainFixtures.leg(index, chain(), instrument(), amount(60), wallets.get(from),
                        wallets.get(to), platformId, environments[random.nextInt(2)]));
            }
            List<DepositInstructions> opened = gateway.openEscrow(settlementId, legs);
            List<ModelLeg> model = new ArrayList<>();
            for (int index = 0; index < legCount; index++) {
                model.add(new ModelLeg(settlementId, legs.get(index), opened.get(index).depositSecret()));
            }
            settlements.put(settlementId, model);
            log.add("open " + settlementId + " " + legCount + " legs");
        }

        /** Mostly funds the depositor of a pending leg (sometimes short of its quantity), else any account. */
        private void faucet() {
            List<ModelLeg> pending = legs(DepositStatus.PENDING);
            long chain;
            String instrument;
            String wallet;
            if (!pending.isEmpty() && random.nextInt(10) < 7) {
                EscrowLeg leg = pending.get(random.nextInt(pending.size())).leg;
                chain = leg.chainId();
                instrument = leg.instrumentId();
                wallet = leg.depositorWallet();
            } else {
                chain = chain();
                instrument = instrument();
                wallet = wallets.get(random.nextInt(wallets.size()));
            }
            String amount = amount(120);
            BigDecimal after = ledger.faucet(chain, instrument, wallet, Quantity.parse(amount));
            String account = chain + "/" + instrument + "/" + wallet;
            balances.merge(account, new BigDecimal(amount), BigDecimal::add);
            assertThat(after).isEqualByComparingTo(balances.get(account));
            log.add("faucet " + amount + " " + account);
            count("faucet");
        }

        private void deposit() {
            List<ModelLeg> pending = legs(DepositStatus.PENDING);
            ModelLeg leg;
            if (!pending.isEmpty() && random.nextInt(4) > 0) {
                leg = pending.get(random.nextInt(pending.size()));
            } else {
                List<ModelLeg> legs = settlements.get(anySettlement());
                leg = legs.get(random.nextInt(legs.size()));
            }
            UUID settlementId = leg.settlementId;
            int variant = random.nextInt(10);
            String secret = variant == 0 ? DepositSecretsForTests.random() : leg.secret;
            UUID environment = variant == 1 ? otherEnvironment(leg.leg.owningEnvironmentId())
                    : leg.leg.owningEnvironmentId();
            String expected = expectedDepositOutcome(leg, variant);
            log.add("deposit " + settlementId + "/" + leg.leg.legIndex() + " expecting " + expected);
            ApiException refused = catchThrowableOfType(ApiException.class, () -> ledger.deposit(settlementId,
                    leg.leg.legIndex(), secret, environment, "m2m:property"));
            if (expected.equals("ok")) {
                assertThat(refused).as(context()).isNull();
                balances.merge(leg.account(), leg.leg.quantity().value().negate(), BigDecimal::add);
                leg.status = DepositStatus.DEPOSITED;
                count("deposited");
            } else {
                assertThat(refused).as(context()).isNotNull();
                assertThat(refused.code()).as(context()).isEqualTo(expected);
                count(expected);
            }
        }

        private String expectedDepositOutcome(ModelLeg leg, int variant) {
            if (variant == 1) {
                return "leg_not_found";
            }
            if (variant == 0) {
                return "invalid_deposit_secret";
            }
            return switch (leg.status) {
                case DEPOSITED -> "leg_already_deposited";
                case RELEASED, REFUNDED -> "escrow_closed";
                case PENDING -> balances.getOrDefault(leg.account(), BigDecimal.ZERO)
                        .compareTo(leg.leg.quantity().value()) < 0 ? "insufficient_balance" : "ok";
            };
        }

        /** Mostly releases a fully deposited settlement, else any (which may be refused). */
        private void release() {
            List<UUID> ready = settlements.entrySet().stream()
                    .filter(e -> e.getValue().stream().allMatch(leg -> leg.status == DepositStatus.DEPOSITED))
                    .map(Map.Entry::getKey).toList();
            UUID settlementId = !ready.isEmpty() && random.nextInt(4) > 0 ? ready.get(random.nextInt(ready.size()))
                    : anySettlement();
            List<ModelLeg> legs = settlements.get(settlementId);
            boolean allDeposited = legs.stream().allMatch(leg -> leg.status == DepositStatus.DEPOSITED);
            boolean allReleased = legs.stream().allMatch(leg -> leg.status == DepositStatus.RELEASED);
            log.add("release " + settlementId + (allDeposited || allReleased ? "" : " expecting refusal"));
            assertThat(gateway.allDeposited(settlementId)).as(context()).isEqualTo(allDeposited || allReleased);
            if (!allDeposited && !allReleased) {
                assertThatIllegalStateException().as(context()).isThrownBy(() -> gateway.release(settlementId));
                count("release_refused");
                return;
            }
            gateway.release(settlementId);
            count("released");
            if (allDeposited) {
                for (ModelLeg leg : legs) {
                    String recipient = leg.leg.chainId() + "/" + leg.leg.instrumentId() + "/"
                            + leg.leg.recipientWallet();
                    balances.merge(recipient, leg.leg.quantity().value(), BigDecimal::add);
                    leg.status = DepositStatus.RELEASED;
                }
            }
        }

        /** Refunds any settlement, now and then one already released (which must be refused). */
        private void refund() {
            List<UUID> delivered = settlements.entrySet().stream()
                    .filter(e -> e.getValue().getFirst().status == DepositStatus.RELEASED)
                    .map(Map.Entry::getKey).toList();
            UUID settlementId = !delivered.isEmpty() && random.nextInt(3) == 0
                    ? delivered.get(random.nextInt(delivered.size())) : anySettlement();
            List<ModelLeg> legs = settlements.get(settlementId);
            boolean released = legs.stream().anyMatch(leg -> leg.status == DepositStatus.RELEASED);
            log.add("refund " + settlementId + (released ? " expecting refusal" : ""));
            if (released) {
                assertThatIllegalStateException().as(context()).isThrownBy(() -> gateway.refund(settlementId));
                count("refund_refused");
                return;
            }
            gateway.refund(settlementId);
            count("refunded");
            for (ModelLeg leg : legs) {
                if (leg.status == DepositStatus.DEPOSITED) {
                    balances.merge(leg.account(), leg.leg.quantity().value(), BigDecimal::add);
                }
                leg.status = DepositStatus.REFUNDED;
            }
        }

        private void checkInvariants() {
            Map<String, BigDecimal> held = totals("select chain_id || '/' || instrument_id, sum(amount)"
                    + " from chain_balances where instrument_id like :prefix group by 1");
            Map<String, BigDecimal> escrowed = totals("select chain_id || '/' || instrument_id, sum(quantity)"
                    + " from chain_escrow_legs where instrument_id like :prefix and status = 'deposited' group by 1");
            Map<String, BigDecimal> minted = totals("select chain_id || '/' || instrument_id, sum(amount)"
                    + " from chain_ledger_entries where instrument_id like :prefix and kind = 'mint' group by 1");
            for (long chain : CHAINS) {
                for (String instrument : instruments) {
                    String asset = chain + "/" + instrument;
                    BigDecimal total = held.getOrDefault(asset, BigDecimal.ZERO)
                            .add(escrowed.getOrDefault(asset, BigDecimal.ZERO));
                    assertThat(total).as("conservation of %s; %s", asset, context())
                            .isEqualByComparingTo(minted.getOrDefault(asset, BigDecimal.ZERO));
                }
            }
            Map<String, BigDecimal> actual = totals("select chain_id || '/' || instrument_id || '/' || wallet_address,"
                    + " amount from chain_balances where instrument_id like :prefix");
            assertThat(actual.values()).as("no negative balance; %s", context())
                    .allSatisfy(amount -> assertThat(amount).isGreaterThanOrEqualTo(BigDecimal.ZERO));
            assertThat(actual.keySet()).as(context()).allMatch(balances::containsKey);
            balances.forEach((account, amount) -> assertThat(actual.getOrDefault(account, BigDecimal.ZERO))
                    .as("balance of %s; %s", account, context()).isEqualByComparingTo(amount));
            Map<String, String> statuses = new HashMap<>();
            jdbc.sql("select settlement_id, leg_index, status from chain_escrow_legs where instrument_id like :prefix")
                    .param("prefix", prefix + "%")
                    .query((rs, row) -> statuses.put(rs.getString(1) + "/" + rs.getInt(2), rs.getString(3))).list();
            settlements.forEach((settlementId, legs) -> legs.forEach(leg -> assertThat(
                    statuses.get(settlementId + "/" + leg.leg.legIndex()))
                    .as("status of %s/%s; %s", settlementId, leg.leg.legIndex(), context())
                    .isEqualTo(leg.status.name().toLowerCase(Locale.ROOT))));
        }

        private void count(String outcome) {
            outcomes.merge(outcome, 1, Integer::sum);
        }

        private Map<String, BigDecimal> totals(String sql) {
            Map<String, BigDecimal> totals = new HashMap<>();
            jdbc.sql(sql).param("prefix", prefix + "%")
                    .query((rs, row) -> totals.put(rs.getString(1), rs.getBigDecimal(2))).list();
            return totals;
        }

        private void checkJournalReplaysToBalances() {
            Map<String, BigDecimal> replayed = new HashMap<>();
            jdbc.sql("""
                    select chain_id || '/' || instrument_id as asset, from_address, to_address, amount
                    from chain_ledger_entries where instrument_id like :prefix order by id""")
                    .param("prefix", prefix + "%")
                    .query((rs, row) -> {
                        String asset = rs.getString("asset");
                        BigDecimal amount = rs.getBigDecimal("amount");
                        if (rs.getString("from_address") != null) {
                            replayed.merge(asset + "/" + rs.getString("from_address"), amount.negate(),
                                    BigDecimal::add);
                        }
                        replayed.merge(asset + "/" + rs.getString("to_address"), amount, BigDecimal::add);
                        return row;
                    }).list();
            balances.forEach((account, amount) -> assertThat(replayed.getOrDefault(account, BigDecimal.ZERO))
                    .as("journal replay of %s; %s", account, context()).isEqualByComparingTo(amount));
        }

        private List<ModelLeg> legs(DepositStatus status) {
            return settlements.values().stream().flatMap(List::stream).filter(leg -> leg.status == status).toList();
        }

        private UUID anySettlement() {
            List<UUID> ids = new ArrayList<>(settlements.keySet());
            return ids.get(random.nextInt(ids.size()));
        }

        private UUID otherEnvironment(UUID owner) {
            return owner.equals(environments[0]) ? environments[1] : environments[0];
        }

        private long chain() {
            return CHAINS[random.nextInt(CHAINS.length)];
        }

        private String instrument() {
            return instruments[random.nextInt(instruments.length)];
        }

        private String amount(int max) {
            int whole = 1 + random.nextInt(max);
            return random.nextBoolean() ? Integer.toString(whole) : whole + "." + (1 + random.nextInt(99));
        }

        private String context() {
            return prefix + " after " + String.join(" | ", log.subList(Math.max(0, log.size() - 6), log.size()));
        }
    }
}
