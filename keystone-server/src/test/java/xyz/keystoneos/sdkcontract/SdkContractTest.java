package xyz.keystoneos.sdkcontract;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import xyz.keystoneos.sdk.KeystoneClient;
import xyz.keystoneos.sdk.KeystoneSyncClient;
import xyz.keystoneos.sdk.RetryConfig;
import xyz.keystoneos.sdk.model.Direction;
import xyz.keystoneos.sdk.model.InstructionLeg;
import xyz.keystoneos.sdk.model.InstructionParty;
import xyz.keystoneos.sdk.model.LegType;
import xyz.keystoneos.sdk.model.SubmitInstructionRequest;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/**
 * Base of the SDK contract tests: the real server on a random port, spoken to through the Java SDK with real
 * tokens ({@code baseUrl} and {@code authDomain} both {@code http://localhost:<port>}).
 */
abstract class SdkContractTest extends IntegrationTest {

    static final long CHAIN = 11_155_111L;
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Duration POLL = Duration.ofMillis(100);

    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        clients.clear();
    }

    KeystoneClient.Builder builder(TestPlatform platform) {
        String url = "http://localhost:" + port;
        return KeystoneClient.builder().clientId(platform.clientId()).clientSecret(platform.clientSecret())
                .baseUrl(url).authDomain(url).timeout(Duration.ofSeconds(20))
                .retry(RetryConfig.builder().baseDelay(Duration.ofMillis(50)).maxDelay(Duration.ofSeconds(1)).build());
    }

    KeystoneSyncClient sync(TestPlatform platform) {
        KeystoneSyncClient client = builder(platform).buildSync();
        clients.add(client);
        return client;
    }

    KeystoneClient async(TestPlatform platform) {
        KeystoneClient client = builder(platform).build();
        clients.add(client);
        return client;
    }

    static String wallet() {
        byte[] bytes = new byte[20];
        String wallet;
        do {
            new SecureRandom().nextBytes(bytes);
            wallet = "0x" + HexFormat.of().formatHex(bytes);
        } while (wallet.endsWith("dead"));
        return wallet;
    }

    /** The seller's side of the quick-start DvP: 1000 BOND-2026-A against 99000.50 TUSDC. */
    static SubmitInstructionRequest sell(String template, String partyName, String wallet) {
        return SubmitInstructionRequest.builder().templateSlug(template).role("seller")
                .party(InstructionParty.of("SELLER-REF", partyName, wallet, CHAIN))
                .leg(InstructionLeg.of("BOND-2026-A", "1000", Direction.DELIVER))
                .leg(InstructionLeg.builder().legType(LegType.PAYMENT).instrumentId("TUSDC").quantity("99000.50")
                        .direction(Direction.RECEIVE).build())
                .timeoutAt(Instant.now().plus(Duration.ofHours(2))).build();
    }

    /** The buyer's mirrored side, matching {@code tradeReference}. */
    static SubmitInstructionRequest buy(String template, String tradeReference, String partyName, String wallet) {
        return SubmitInstructionRequest.builder().templateSlug(template).role("buyer").tradeReference(tradeReference)
                .party(InstructionParty.of("BUYER-REF", partyName, wallet, CHAIN))
                .leg(InstructionLeg.of("BOND-2026-A", "1000", Direction.RECEIVE))
                .leg(InstructionLeg.builder().legType(LegType.PAYMENT).instrumentId("TUSDC").quantity("99000.50")
                        .direction(Direction.DELIVER).build())
                .timeoutAt(Instant.now().plus(Duration.ofHours(2))).build();
    }
}
