package xyz.keystoneos.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.KeystoneApplication;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.identity.RegisteredPlatform;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestDatabase;
import xyz.keystoneos.support.WebhookReceiver;

/**
 * Scale-out (SPEC §13): two server nodes, on different ports, on one PostgreSQL database. Mirror instructions racing
 * each other across the nodes match into exactly one settlement per trade; the engine and the webhook dispatcher run
 * on both nodes and never do a piece of work twice. (Shared rate limits: {@code identity.TwoNodePlatformAccessTest}.)
 *
 * <p>The race runs {@value #DEFAULT_PAIRS} pairs in the build; {@code -Dkeystone.scaleout.pairs=10000} for the full
 * run, {@code -Dkeystone.scaleout.concurrency} for the number of pairs in flight at once.
 */
class TwoNodeScaleOutTest {

    static final int DEFAULT_PAIRS = 400;
    private static final int PAIRS = Integer.getInteger("keystone.scaleout.pairs", DEFAULT_PAIRS);
    private static final int CONCURRENT_PAIRS = Integer.getInteger("keystone.scaleout.concurrency", 16);
    private static final int SETTLEMENTS = 60;
    private static final List<String> HAPPY_PATH = List.of("INSTRUCTED", "COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED",
            "AWAITING_DEPOSITS", "EXECUTING_SWAP", "FINALIZED");
    private static final String BOND_QUANTITY = "1000";
    private static final String CASH_QUANTITY = "99000.50";

    /** One side of a trade as submitted: which node took it and what it answered (or the exception). */
    private record Submission(String reference, String role, int node, ApiResponse response, String error,
            long millis) {

        boolean serverError() {
            return response != null && response.status() >= 500;
        }
    }

    private record Party(String environmentId, String token) {
    }

    @Test
    void mirrorInstructionsRacingOnTwoNodesMatchIntoExactlyOneSettlementPerTrade() throws Exception {
        TestDatabase.Database database = TestDatabase.create();
        ConfigurableApplicationContext nodeA = start(database);
        ConfigurableApplicationContext nodeB = start(database);
        try {
            List<Api> nodes = List.of(api(nodeA), api(nodeB));
            Party seller = platform(nodeA, "Seller");
            Party buyer = platform(nodeA, "Buyer");
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<String> references = new ArrayList<>();
            for (int i = 0; i < PAIRS; i++) {
                references.add("SCALE-" + run + "-" + i);
            }

            ConcurrentLinkedQueue<Submission> submissions = new ConcurrentLinkedQueue<>();
            long started = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Semaphore inFlight = new Semaphore(CONCURRENT_PAIRS);
                for (int i = 0; i < PAIRS; i++) {
                    String reference = references.get(i);
                    int sellerNode = i % 2;
                    int buyerNode = 1 - sellerNode;
                    inFlight.acquire();
                    pool.submit(() -> {
                        try {
                            racePair(reference, nodes, seller, sellerNode, buyer, buyerNode, submissions);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            Duration wall = Duration.ofNanos(System.nanoTime() - started);

            List<Submission> all = List.copyOf(submissions);
            List<Submission> failed = all.stream().filter(s -> s.error() != null || s.response().status() != 201)
                    .toList();
            long[] latencies = all.stream().mapToLong(Submission::millis).sorted().toArray();
            System.out.printf("two-node matching race: %d pairs (%d in flight) in %d ms = %.1f pairs/s; %d requests,"
                    + " %d errors, %d 5xx; latency p50 %d ms, p99 %d ms, max %d ms%n", PAIRS, CONCURRENT_PAIRS,
                    wall.toMillis(), PAIRS * 1000.0 / Math.max(1, wall.toMillis()), all.size(), failed.size(),
                    all.stream().filter(Submission::serverError).count(), latencies[latencies.length / 2],
                    latencies[(int) (latencies.length * 0.99)], latencies[latencies.length - 1]);
            assertThat(all).hasSize(2 * PAIRS);
            assertThat(failed).as("every submission is accepted (201), no 5xx, no transport error").isEmpty();

            Map<String, List<Submission>> byReference = all.stream()
                    .collect(Collectors.groupingBy(Submission::reference));
            Map<String, String> settlementOfReference = new HashMap<>();
            for (String reference : references) {
                List<Submission> pair = byReference.get(reference);
                assertThat(pair).as(reference).hasSize(2);
                List<Submission> matched = pair.stream().filter(s -> s.response().text("status").equals("matched"))
                        .toList();
                assertThat(matched).as("exactly one side of %s answers 'matched'", reference).hasSize(1);
                assertThat(pair).filteredOn(s -> s.response().text("status").equals("pending_match")).hasSize(1);
                settlementOfReference.put(reference, matched.getFirst().response().text("settlement_id"));
            }
            assertThat(new HashSet<>(settlementOfReference.values())).as("one distinct settlement per trade")
                    .hasSize(PAIRS);
            Map<String, Long> matchedWhere = all.stream().filter(s -> s.response().text("status").equals("matched"))
                    .collect(Collectors.groupingBy(s -> s.role() + " on node " + "AB".charAt(s.node()),
                            Collectors.counting()));
            System.out.println("two-node matching race: the side that matched (the later one) was " + matchedWhere);

            int apiRowsChecked = checkThroughTheApi(nodes, seller, buyer, settlementOfReference);
            int databaseRowsChecked = checkInTheDatabase(nodeB.getBean(JdbcClient.class), settlementOfReference);
            System.out.printf("two-node matching race: checked %d rows through the API and %d rows in the database%n",
                    apiRowsChecked, databaseRowsChecked);
        } finally {
            nodeB.close();
            nodeA.close();
        }
    }

    @Test
    void engineAndWebhookWorkRunsOnBothNodesAndNothingIsDoneTwice() throws Exception {
        TestDatabase.Database database = TestDatabase.create();
        ConfigurableApplicationContext nodeA = start(database);
        ConfigurableApplicationContext nodeB = start(database);
        try (WebhookReceiver sellerHooks = new WebhookReceiver(); WebhookReceiver buyerHooks = new WebhookReceiver()) {
            List<Api> nodes = List.of(api(nodeA), api(nodeB));
            JdbcClient jdbc = nodeA.getBean(JdbcClient.class);
            Party seller = platform(nodeA, "Seller");
            Party buyer = platform(nodeB, "Buyer");
            subscribe(nodes.get(0), seller, sellerHooks);
            subscribe(nodes.get(1), buyer, buyerHooks);

            String run = UUID.randomUUID().toString().substring(0, 8);
            List<Trade> trades = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Trade>> created = new ArrayList<>();
                for (int i = 0; i < SETTLEMENTS; i++) {
                    int n = i;
                    created.add(pool.submit(() -> trade("FLOW-" + run + "-" + n, nodes.get(n % 2),
                            nodes.get(1 - n % 2), seller, buyer)));
                }
                for (Future<Trade> trade : created) {
                    trades.add(trade.get());
                }
            }
            awaitCount(jdbc, "select count(*) from settlements where state = 'AWAITING_DEPOSITS'", SETTLEMENTS,
                    "every settlement to await deposits");
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> deposits = new ArrayList<>();
                for (int i = 0; i < SETTLEMENTS; i++) {
                    Trade trade = trades.get(i);
                    Api sellerNode = nodes.get(i % 2);
                    Api buyerNode = nodes.get(1 - i % 2);
                    deposits.add(pool.submit(() -> new SettlementFlows(sellerNode).depositOwnLegs(seller.token(),
                            trade.settlementId())));
                    deposits.add(pool.submit(() -> new SettlementFlows(buyerNode).depositOwnLegs(buyer.token(),
                            trade.settlementId())));
                }
                for (Future<?> deposit : deposits) {
                    deposit.get();
                }
            }
            awaitCount(jdbc, "select count(*) from settlements where state = 'FINALIZED'", SETTLEMENTS,
                    "every settlement to finalise");
            long outboxRows = jdbc.sql("select count(*) from webhook_outbox").query(Long.class).single();
            awaitCount(jdbc, "select count(*) from webhook_deliveries where status = 'succeeded'", outboxRows,
                    "every webhook delivered");

            checkEveryStateExactlyOnce(nodes, jdbc, seller, trades);
            checkValueDeliveredOnce(nodes, jdbc, seller, trades);
            int deliveries = checkEveryEventDeliveredOnce(jdbc, Map.of(seller.environmentId(), sellerHooks,
                    buyer.environmentId(), buyerHooks));
            System.out.printf("two-node engine and webhooks: %d settlements finalised, %d outbox events, %d deliveries,"
                    + " %d webhook requests%n", SETTLEMENTS, outboxRows, deliveries,
                    sellerHooks.received().size() + buyerHooks.received().size());
            checkWorkSpreadOverBothNodes(jdbc, List.of(nodeA.getBean(MeterRegistry.class),
                    nodeB.getBean(MeterRegistry.class)), deliveries);
        } finally {
            nodeB.close();
            nodeA.close();
        }
    }

    /**
     * Each node counts what it did itself (one MeterRegistry per node): the transitions it committed and the webhook
     * deliveries it made. Summed over the nodes they equal what the database recorded, transition by transition, so
     * no piece of work was counted (done) on both; and each node did some of the engine's and the dispatcher's work.
     */
    private static void checkWorkSpreadOverBothNodes(JdbcClient jdbc, List<MeterRegistry> registries,
            int deliveries) {
        Map<String, Long> recorded = new HashMap<>();
        jdbc.sql("""
                select coalesce(from_state, 'none') || ' -> ' || to_state as transition, count(*) as times
                from settlement_events group by 1""").query().listOfRows()
                .forEach(row -> recorded.put((String) row.get("transition"), ((Number) row.get("times")).longValue()));
        // Counters move just after the commit (transitions) or the receiver's 2xx (deliveries): wait for the last.
        Polling.until(() -> transitionsCounted(registries), counted -> counted.equals(recorded), Duration.ofSeconds(30),
                "the nodes' transition counters to add up to " + recorded);
        Polling.until(() -> registries.stream().mapToLong(r -> deliveriesCounted(r, "succeeded")).sum(),
                sum -> sum == deliveries, Duration.ofSeconds(30),
                "the nodes' delivery counters to add up to " + deliveries);

        List<String> perNode = new ArrayList<>();
        for (int node = 0; node < registries.size(); node++) {
            MeterRegistry registry = registries.get(node);
            long created = counter(registry, "none -> INSTRUCTED");
            long engine = transitionsCounted(List.of(registry)).values().stream().mapToLong(Long::longValue).sum()
                    - created;
            long delivered = deliveriesCounted(registry, "succeeded");
            perNode.add("node " + "AB".charAt(node) + ": " + created + " settlements created, " + engine
                    + " engine transitions, " + delivered + " webhook deliveries");
            assertThat(engine).as("engine transitions on node %d", node).isPositive();
            assertThat(delivered).as("webhook deliveries by node %d", node).isPositive();
            assertThat(deliveriesCounted(registry, "failed_attempt") + deliveriesCounted(registry, "failed"))
                    .as("failed delivery attempts on node %d", node).isZero();
        }
        System.out.println("two-node engine and webhooks: " + String.join("; ", perNode));
    }

    private static Map<String, Long> transitionsCounted(List<MeterRegistry> registries) {
        Map<String, Long> counted = new HashMap<>();
        for (MeterRegistry registry : registries) {
            for (Counter counter : registry.find("keystone.settlement.transitions").counters()) {
                long times = (long) counter.count();
                if (times > 0) {
                    counted.merge(counter.getId().getTag("from") + " -> " + counter.getId().getTag("to"), times,
                            Long::sum);
                }
            }
        }
        return counted;
    }

    private static long counter(MeterRegistry registry, String transition) {
        return transitionsCounted(List.of(registry)).getOrDefault(transition, 0L);
    }

    private static long deliveriesCounted(MeterRegistry registry, String outcome) {
        return registry.find("keystone.webhook.deliveries").tag("outcome", outcome).counters().stream()
                .mapToLong(c -> (long) c.count()).sum();
    }

    /** A matched trade: its settlement and the two wallets. */
    private record Trade(String reference, String settlementId, String sellerWallet, String buyerWallet) {
    }

    /** Funds both wallets and submits the seller's instruction to one node and the buyer's to the other. */
    private static Trade trade(String reference, Api sellerNode, Api buyerNode, Party seller, Party buyer) {
        String sellerWallet = wallet();
        String buyerWallet = wallet();
        new SettlementFlows(sellerNode).fund(seller.token(), sellerWallet, "BOND-2026-A", BOND_QUANTITY);
        new SettlementFlows(buyerNode).fund(buyer.token(), buyerWallet, "TUSDC", CASH_QUANTITY);
        ApiResponse first = sellerNode.post("/v1/instructions", seller.token(), SettlementFlows.sellerInstruction(
                UUID.randomUUID().toString(), reference, "Seller Fund", sellerWallet, "dvp-standard"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        ApiResponse second = buyerNode.post("/v1/instructions", buyer.token(), SettlementFlows.buyerInstruction(
                UUID.randomUUID().toString(), reference, "Buyer Treasury", buyerWallet, "dvp-standard"));
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(second.text("status")).isEqualTo("matched");
        return new Trade(reference, second.text("settlement_id"), sellerWallet, buyerWallet);
    }

    private static void subscribe(Api node, Party party, WebhookReceiver receiver) {
        ApiResponse endpoint = node.post("/v1/platforms/me/webhooks", party.token(),
                Api.json(Map.of("url", receiver.url(), "events", List.of("*"))));
        assertThat(endpoint.status()).as(endpoint.toString()).isEqualTo(201);
    }

    private static void awaitCount(JdbcClient jdbc, String sql, long expected, String what) {
        Polling.until(() -> jdbc.sql(sql).query(Long.class).single(), n -> n == expected, Duration.ofSeconds(180),
                what + " (" + expected + ")");
    }

    /** Gap-free sequences with each state exactly once (through the API and in the table), intact hash chains. */
    private static void checkEveryStateExactlyOnce(List<Api> nodes, JdbcClient jdbc, Party party, List<Trade> trades) {
        for (int i = 0; i < trades.size(); i++) {
            Api node = nodes.get(i % 2);
            String id = trades.get(i).settlementId();
            JsonNode events = node.get("/v1/settlements/" + id + "/events", party.token()).body().get("items");
            List<String> states = new ArrayList<>();
            String previous = null;
            for (int e = 0; e < events.size(); e++) {
                JsonNode event = events.get(e);
                assertThat(event.get("sequence").asInt()).as(id).isEqualTo(e + 1);
                JsonNode from = event.get("from_state");
                assertThat(from == null || from.isNull() ? null : from.asString()).as(id).isEqualTo(previous);
                previous = event.get("to_state").asString();
                states.add(previous);
            }
            assertThat(states).as(id).isEqualTo(HAPPY_PATH);
            assertThat(node.get("/v1/settlements/" + id + "/evidence", party.token()).body().get("valid").asBoolean())
                    .as(id).isTrue();
        }
        List<Map<String, Object>> perSettlement = jdbc.sql("""
                select settlement_id, count(*) as events, count(distinct to_state) as states, min(sequence) as first,
                       max(sequence) as last,
                       count(*) filter (where from_state = 'EXECUTING_SWAP' and to_state = 'FINALIZED') as finalised
                from settlement_events group by settlement_id""").query().listOfRows();
        assertThat(perSettlement).hasSize(trades.size()).allSatisfy(row -> {
            assertThat(((Number) row.get("events")).intValue()).isEqualTo(HAPPY_PATH.size());
            assertThat(((Number) row.get("states")).intValue()).isEqualTo(HAPPY_PATH.size());
            assertThat(((Number) row.get("first")).intValue()).isEqualTo(1);
            assertThat(((Number) row.get("last")).intValue()).isEqualTo(HAPPY_PATH.size());
            assertThat(((Number) row.get("finalised")).intValue()).as("EXECUTING_SWAP -> FINALIZED").isEqualTo(1);
        });
    }

    /** Each leg deposited once and released once, nothing refunded; the wallets hold exactly the swapped amounts. */
    private static void checkValueDeliveredOnce(List<Api> nodes, JdbcClient jdbc, Party party, List<Trade> trades) {
        List<Map<String, Object>> movements = jdbc.sql("""
                select settlement_id, leg_index, kind, count(*) as times from chain_ledger_entries
                where settlement_id is not null group by settlement_id, leg_index, kind""").query().listOfRows();
        assertThat(movements).as("a deposit and a release per leg").hasSize(trades.size() * 2 * 2)
                .allSatisfy(row -> {
                    assertThat(row.get("kind")).isIn("deposit", "release");
                    assertThat(((Number) row.get("times")).intValue()).isEqualTo(1);
                });
        for (int i = 0; i < trades.size(); i++) {
            Trade trade = trades.get(i);
            SettlementFlows via = new SettlementFlows(nodes.get(i % 2));
            assertThat(new BigDecimal(via.balance(party.token(), trade.buyerWallet(), "BOND-2026-A")))
                    .isEqualByComparingTo(BOND_QUANTITY);
            assertThat(new BigDecimal(via.balance(party.token(), trade.buyerWallet(), "TUSDC"))).isZero();
            assertThat(new BigDecimal(via.balance(party.token(), trade.sellerWallet(), "TUSDC")))
                    .isEqualByComparingTo(CASH_QUANTITY);
            assertThat(new BigDecimal(via.balance(party.token(), trade.sellerWallet(), "BOND-2026-A"))).isZero();
        }
    }

    /**
     * Every outbox event reached its platform's receiver through exactly one delivery with exactly one attempt: no
     * delivery was attempted twice (let alone by both nodes at once) and none was sent without being recorded.
     */
    private static int checkEveryEventDeliveredOnce(JdbcClient jdbc, Map<String, WebhookReceiver> receivers) {
        assertThat(jdbc.sql("""
                select count(*) from webhook_outbox o
                where (select count(*) from webhook_deliveries d where d.outbox_id = o.id) <> 1""")
                .query(Long.class).single()).as("outbox events without exactly one delivery").isZero();
        assertThat(jdbc.sql("select count(*) from webhook_deliveries where status <> 'succeeded' or attempts <> 1")
                .query(Long.class).single()).as("deliveries not succeeded at the first attempt").isZero();
        assertThat(jdbc.sql("""
                select count(*) from webhook_deliveries d
                where (select count(*) from webhook_attempts a where a.delivery_id = d.id and a.attempt = 1
                       and a.status_code = 200) <> 1
                   or exists (select 1 from webhook_attempts a where a.delivery_id = d.id and a.attempt <> 1)""")
                .query(Long.class).single()).as("deliveries without exactly one logged attempt").isZero();
        assertThat(jdbc.sql("""
                select count(*) from webhook_attempts a join webhook_attempts b
                  on a.delivery_id = b.delivery_id and a.id < b.id
                 and a.started_at < b.started_at + b.duration_ms * interval '1 millisecond'
                 and b.started_at < a.started_at + a.duration_ms * interval '1 millisecond'""")
                .query(Long.class).single()).as("overlapping attempts of one delivery").isZero();
        int deliveries = 0;
        for (Map.Entry<String, WebhookReceiver> entry : receivers.entrySet()) {
            List<Map<String, Object>> expected = jdbc.sql("""
                    select o.event_id, d.id::text as delivery_id from webhook_outbox o
                    join webhook_deliveries d on d.outbox_id = o.id
                    where o.environment_id = cast(:environment as uuid)""")
                    .param("environment", entry.getKey()).query().listOfRows();
            List<WebhookReceiver.Received> received = entry.getValue().received();
            assertThat(expected).isNotEmpty();
            assertThat(received.stream().map(r -> r.header("X-Keystone-Delivery-Id")).toList())
                    .as("one request per delivery").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected.stream().map(r -> (String) r.get("delivery_id"))
                            .toList());
            assertThat(received.stream().map(r -> r.header("X-Keystone-Event-Id")).collect(Collectors.toSet()))
                    .as("every event at the receiver")
                    .isEqualTo(expected.stream().map(r -> (String) r.get("event_id")).collect(Collectors.toSet()));
            deliveries += expected.size();
        }
        return deliveries;
    }

    /** Both sides of one trade leave at the same instant, each to a different node. */
    private static void racePair(String reference, List<Api> nodes, Party seller, int sellerNode, Party buyer,
            int buyerNode, Collection<Submission> submissions) {
        CyclicBarrier together = new CyclicBarrier(2);
        String sellerBody = SettlementFlows.sellerInstruction(UUID.randomUUID().toString(), reference, "Seller Fund",
                wallet(), "dvp-standard");
        String buyerBody = SettlementFlows.buyerInstruction(UUID.randomUUID().toString(), reference, "Buyer Treasury",
                wallet(), "dvp-standard");
        Thread sellerSide = Thread.ofVirtual().start(() -> submissions.add(
                submit(together, nodes.get(sellerNode), seller.token(), sellerBody, reference, "seller", sellerNode)));
        submissions.add(submit(together, nodes.get(buyerNode), buyer.token(), buyerBody, reference, "buyer",
                buyerNode));
        try {
            sellerSide.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Submission submit(CyclicBarrier together, Api node, String token, String body, String reference,
            String role, int nodeIndex) {
        long sent = 0;
        try {
            together.await();
            sent = System.nanoTime();
            ApiResponse response = node.post("/v1/instructions", token, body);
            return new Submission(reference, role, nodeIndex, response, null, (System.nanoTime() - sent) / 1_000_000);
        } catch (Exception e) {
            return new Submission(reference, role, nodeIndex, null, e.toString(),
                    sent == 0 ? 0 : (System.nanoTime() - sent) / 1_000_000);
        }
    }

    /**
     * What each platform sees: its N matched instructions, none pending, the same N settlements. A settlement's
     * {@code external_reference} (the trade reference) shows only to its owner, the platform whose instruction came
     * first, so across the two platforms each trade reference shows exactly once, on its own settlement.
     */
    private static int checkThroughTheApi(List<Api> nodes, Party seller, Party buyer,
            Map<String, String> settlementOfReference) {
        int rows = 0;
        Map<String, String> ownedReferences = new HashMap<>();
        for (Party party : List.of(seller, buyer)) {
            for (Api node : nodes) {
                assertThat(node.get("/v1/instructions?status=pending_match&limit=1", party.token()).body()
                        .get("total").asLong()).as("instructions left pending").isZero();
            }
            List<JsonNode> instructions = list(nodes.get(0), party.token(), "/v1/instructions?status=matched");
            rows += instructions.size();
            assertThat(instructions).hasSize(PAIRS);
            Map<String, String> seen = instructions.stream().collect(Collectors.toMap(
                    i -> i.get("trade_reference").asString(), i -> i.get("settlement_id").asString()));
            assertThat(seen).as("each instruction matched into its trade's settlement")
                    .isEqualTo(settlementOfReference);

            List<JsonNode> settlements = list(nodes.get(1), party.token(),
                    "/v1/settlements?settlement_type=cross_platform");
            rows += settlements.size();
            Set<String> ids = settlements.stream().map(s -> s.get("id").asString()).collect(Collectors.toSet());
            assertThat(settlements).as("no duplicate settlement").hasSize(PAIRS);
            assertThat(ids).isEqualTo(new HashSet<>(settlementOfReference.values()));
            for (JsonNode settlement : settlements) {
                JsonNode reference = settlement.get("external_reference");
                if (reference != null && !reference.isNull()) {
                    assertThat(ownedReferences.put(reference.asString(), settlement.get("id").asString()))
                            .as("%s shown on two settlements or to both platforms", reference).isNull();
                }
            }
        }
        assertThat(ownedReferences).isEqualTo(settlementOfReference);
        return rows;
    }

    /** Straight from the tables: one settlement per reference; both instructions matched to it. */
    private static int checkInTheDatabase(JdbcClient jdbc, Map<String, String> settlementOfReference) {
        List<Map<String, Object>> settlements = jdbc.sql("""
                select s.id::text as id, s.external_reference, s.settlement_type, count(p.id) as parties,
                       count(distinct p.platform_id) as platforms
                from settlements s left join settlement_parties p on p.settlement_id = s.id
                group by s.id""").query().listOfRows();
        assertThat(settlements).hasSize(PAIRS);
        Map<String, String> settlementIds = new HashMap<>();
        for (Map<String, Object> row : settlements) {
            assertThat(settlementIds.put((String) row.get("external_reference"), (String) row.get("id")))
                    .as("a second settlement for %s", row.get("external_reference")).isNull();
            assertThat(row.get("settlement_type")).isEqualTo("cross_platform");
            assertThat(((Number) row.get("parties")).intValue()).isEqualTo(2);
            assertThat(((Number) row.get("platforms")).intValue()).isEqualTo(2);
        }
        assertThat(settlementIds).isEqualTo(settlementOfReference);

        List<Map<String, Object>> instructions = jdbc.sql("""
                select trade_reference, role, status, settlement_id::text as settlement_id from instructions""")
                .query().listOfRows();
        assertThat(instructions).hasSize(2 * PAIRS);
        Map<String, Set<String>> rolesOfReference = new HashMap<>();
        for (Map<String, Object> row : instructions) {
            String reference = (String) row.get("trade_reference");
            assertThat(row.get("status")).as(reference).isEqualTo("matched");
            assertThat(row.get("settlement_id")).as(reference).isEqualTo(settlementOfReference.get(reference));
            assertThat(rolesOfReference.computeIfAbsent(reference, r -> new HashSet<>()).add((String) row.get("role")))
                    .as("a second %s instruction for %s", row.get("role"), reference).isTrue();
        }
        assertThat(rolesOfReference).hasSize(PAIRS)
                .allSatisfy((reference, roles) -> assertThat(roles).containsExactlyInAnyOrder("seller", "buyer"));

        long created = jdbc.sql("""
                select count(*) from settlement_events where sequence = 1 and to_state = 'INSTRUCTED'""")
                .query(Long.class).single();
        long announced = jdbc.sql("select count(*) from webhook_outbox where event_type = 'instruction.matched'")
                .query(Long.class).single();
        assertThat(created).as("one creation event per settlement").isEqualTo(PAIRS);
        assertThat(announced).as("instruction.matched once per instruction").isEqualTo(2L * PAIRS);
        return settlements.size() + instructions.size();
    }

    /** Every page of a list endpoint. */
    private static List<JsonNode> list(Api node, String token, String path) {
        List<JsonNode> items = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        while (true) {
            ApiResponse page = node.get(path + separator + "limit=200&offset=" + items.size(), token);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode batch = page.body().get("items");
            batch.forEach(items::add);
            if (batch.isEmpty() || items.size() >= page.body().get("total").asLong()) {
                return items;
            }
        }
    }

    private static String wallet() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
    }

    private static Party platform(ConfigurableApplicationContext node, String name) {
        PlatformOnboarding onboarding = node.getBean(PlatformOnboarding.class);
        RegisteredPlatform platform = onboarding.registerPlatform(name,
                name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6));
        ClientCredentials client = onboarding.createClient(platform.platformId(), platform.environmentId(),
                "scale-out", Scopes.PLATFORM);
        Api api = api(node);
        String token = api.token(client.clientId(), client.clientSecret());
        ApiResponse unlimited = api.patch("/v1/platforms/me/environments/" + platform.environmentId(), token,
                "{\"rate_limit_rpm\": 1000000}");
        assertThat(unlimited.status()).as(unlimited.toString()).isEqualTo(200);
        return new Party(platform.environmentId().toString(), token);
    }

    private static ConfigurableApplicationContext start(TestDatabase.Database database) {
        return new SpringApplicationBuilder(KeystoneApplication.class)
                .run("--server.port=0", "--keystone.seed.demo-data=false",
                        "--keystone.webhooks.allow-private-targets=true",
                        "--keystone.database.url=" + database.url(),
                        "--keystone.database.username=" + database.username(),
                        "--keystone.database.password=" + database.password());
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")),
                Duration.ofMinutes(2));
    }
}
