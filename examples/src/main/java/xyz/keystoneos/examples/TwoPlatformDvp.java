package xyz.keystoneos.examples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import xyz.keystoneos.sdk.KeystoneClient;
import xyz.keystoneos.sdk.KeystoneException;
import xyz.keystoneos.sdk.KeystoneSyncClient;
import xyz.keystoneos.sdk.model.DepositResult;
import xyz.keystoneos.sdk.model.Direction;
import xyz.keystoneos.sdk.model.Instruction;
import xyz.keystoneos.sdk.model.InstructionLeg;
import xyz.keystoneos.sdk.model.InstructionParty;
import xyz.keystoneos.sdk.model.LegType;
import xyz.keystoneos.sdk.model.Settlement;
import xyz.keystoneos.sdk.model.SettlementEvent;
import xyz.keystoneos.sdk.model.SettlementState;
import xyz.keystoneos.sdk.model.SubmitInstructionRequest;

/**
 * A delivery-versus-payment settlement between two platforms in the sandbox, with the Java SDK: the seller's
 * platform opens the trade, the buyer's platform matches it with the trade reference, both fund their wallets with
 * the sandbox faucet and deposit their legs, and KeyStone swaps atomically.
 *
 * <p>Run against a local server ({@code ./mvnw spring-boot:run} prints the demo credentials at first start):
 * <pre>
 * KEYSTONE_SELLER_CLIENT_ID=ksc_… KEYSTONE_SELLER_CLIENT_SECRET=kss_… \
 * KEYSTONE_BUYER_CLIENT_ID=ksc_…  KEYSTONE_BUYER_CLIENT_SECRET=kss_… \
 * ./mvnw -q -pl examples -am compile exec:java -Dexec.mainClass=xyz.keystoneos.examples.TwoPlatformDvp
 * </pre>
 * {@code KEYSTONE_BASE_URL} (default {@code http://localhost:8080}) is used as API base and token server;
 * {@code KEYSTONE_AUTH_DOMAIN} overrides the latter.
 */
public final class TwoPlatformDvp {

    /** The template for instructions from two platforms. */
    public static final String TEMPLATE = "cross_platform_dvp";

    /** Sepolia, the sandbox's default chain. */
    public static final long CHAIN_ID = 11_155_111L;

    private static final String BOND = "BOND-2026-A";
    private static final String CASH = "TUSDC";
    private static final BigDecimal BOND_QUANTITY = new BigDecimal("1000");
    private static final BigDecimal PRICE = new BigDecimal("99000.50");

    private TwoPlatformDvp() {
    }

    /**
     * Runs the example with credentials from the environment.
     *
     * @param args ignored
     * @throws IllegalStateException when a credential variable is missing
     * @throws KeystoneException     when a call fails
     */
    public static void main(String[] args) {
        String baseUrl = env("KEYSTONE_BASE_URL", "http://localhost:8080");
        String authDomain = env("KEYSTONE_AUTH_DOMAIN", baseUrl);
        try (KeystoneSyncClient seller = client(baseUrl, authDomain, "KEYSTONE_SELLER");
                KeystoneSyncClient buyer = client(baseUrl, authDomain, "KEYSTONE_BUYER")) {
            run(seller, buyer, System.out);
        }
    }

    private static KeystoneSyncClient client(String baseUrl, String authDomain, String prefix) {
        return KeystoneClient.builder()
                .clientId(required(prefix + "_CLIENT_ID"))
                .clientSecret(required(prefix + "_CLIENT_SECRET"))
                .baseUrl(baseUrl)
                .authDomain(authDomain)
                .buildSync();
    }

    /**
     * Settles one DvP between the two platforms and prints each step and the event timeline.
     *
     * @param seller a client of the seller's platform (sandbox environment)
     * @param buyer  a client of the buyer's platform (sandbox environment)
     * @param out    where to print
     * @return the settlement, {@code FINALIZED}
     * @throws KeystoneException when a call fails or the settlement ends in another state
     */
    public static Settlement run(KeystoneSyncClient seller, KeystoneSyncClient buyer, PrintStream out) {
        String sellerWallet = randomWallet();
        String buyerWallet = randomWallet();
        Instant timeout = Instant.now().plus(Duration.ofHours(2));

        out.println("1. Funding the wallets with the sandbox faucet");
        seller.sandbox().faucet(sellerWallet, BOND, BOND_QUANTITY, CHAIN_ID);
        buyer.sandbox().faucet(buyerWallet, CASH, new BigDecimal("100000"), CHAIN_ID);

        out.println("2. Seller submits its instruction");
        Instruction sell = seller.instructions().submit(SubmitInstructionRequest.builder()
                .idempotencyKey(seller.generateIdempotencyKey("sell"))
                .templateSlug(TEMPLATE)
                .role("seller")
                .party(InstructionParty.of("SELLER-001", "Acme Fund A", sellerWallet, CHAIN_ID))
                .leg(InstructionLeg.of(BOND, BOND_QUANTITY.toPlainString(), Direction.DELIVER))
                .leg(InstructionLeg.builder().legType(LegType.PAYMENT).instrumentId(CASH).quantity(PRICE)
                        .direction(Direction.RECEIVE).build())
                .timeoutAt(timeout)
                .build());
        out.println("   " + sell.status().wireValue() + ", trade reference " + sell.tradeReference()
                + " (share it with the counterparty)");

        out.println("3. Buyer submits the mirrored instruction with that trade reference");
        Instruction buy = buyer.instructions().submit(SubmitInstructionRequest.builder()
                .idempotencyKey(buyer.generateIdempotencyKey("buy"))
                .templateSlug(TEMPLATE)
                .role("buyer")
                .tradeReference(sell.tradeReference())
                .party(InstructionParty.of("BUYER-001", "Beta Treasury", buyerWallet, CHAIN_ID))
                .leg(InstructionLeg.of(BOND, BOND_QUANTITY.toPlainString(), Direction.RECEIVE))
                .leg(InstructionLeg.builder().legType(LegType.PAYMENT).instrumentId(CASH).quantity(PRICE)
                        .direction(Direction.DELIVER).build())
                .timeoutAt(timeout)
                .build());
        String id = buy.settlementId();
        out.println("   " + buy.status().wireValue() + ", settlement " + id);

        out.println("4. Waiting for compliance screening and the deposit instructions");
        Duration wait = Duration.ofSeconds(60);
        Duration poll = Duration.ofMillis(250);
        Settlement awaiting = seller.settlements().awaitState(id, SettlementState.AWAITING_DEPOSITS, wait, poll);
        expect(awaiting, SettlementState.AWAITING_DEPOSITS);

        out.println("5. Each platform deposits the legs it delivers");
        List<DepositResult> sellerDeposits = seller.sandbox().depositOwnLegs(seller.settlements().get(id));
        List<DepositResult> buyerDeposits = buyer.sandbox().depositOwnLegs(buyer.settlements().get(id));
        out.println("   seller deposited legs " + legs(sellerDeposits) + ", buyer deposited legs "
                + legs(buyerDeposits));

        out.println("6. Waiting for the atomic swap");
        Settlement finalized = buyer.settlements().awaitState(id, SettlementState.FINALIZED, wait, poll);
        expect(finalized, SettlementState.FINALIZED);

        out.println("Event timeline of " + id + ":");
        for (SettlementEvent event : seller.settlements().events(id)) {
            out.printf("   #%d %-20s -> %-20s by %s at %s%n", event.sequence(),
                    event.fromState() == null ? "-" : event.fromState(), event.toState(), event.triggeredBy(),
                    event.createdAt());
        }
        out.println("Evidence chain valid: " + seller.settlements().evidence(id).valid());
        out.println("Balances: buyer holds " + buyer.sandbox().balance(buyerWallet, BOND, CHAIN_ID).balance().toPlainString()
                + " " + BOND + ", seller holds "
                + seller.sandbox().balance(sellerWallet, CASH, CHAIN_ID).balance().toPlainString() + " " + CASH);
        return finalized;
    }

    private static void expect(Settlement settlement, SettlementState state) {
        if (settlement.state() != state) {
            throw new KeystoneException("Settlement " + settlement.id() + " ended in " + settlement.state()
                    + " instead of " + state);
        }
    }

    private static List<Integer> legs(List<DepositResult> deposits) {
        return deposits.stream().map(DepositResult::legIndex).toList();
    }

    /** A fresh sandbox wallet: {@code 0x} + 40 lowercase hex digits. */
    static String randomWallet() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[20];
        String wallet;
        do {
            random.nextBytes(bytes);
            wallet = "0x" + HexFormat.of().formatHex(bytes);
        } while (wallet.endsWith("dead")); // the sandbox's "fail screening" trigger
        return wallet;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set " + name
                    + " (the demo credentials are printed by the server at its first start).");
        }
        return value;
    }
}
