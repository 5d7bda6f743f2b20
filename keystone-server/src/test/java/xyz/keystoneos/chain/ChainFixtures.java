package xyz.keystoneos.chain;

import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import xyz.keystoneos.shared.web.Quantity;
import xyz.keystoneos.support.TestPlatform;

/** Wallets, instruments and escrow legs for the chain tests. */
final class ChainFixtures {

    static final long SEPOLIA = 11_155_111L;

    private ChainFixtures() {
    }

    /** A random lower-case wallet address. */
    static String wallet(Random random) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    static String wallet() {
        return wallet(ThreadLocalRandom.current());
    }

    /** An instrument id no other test uses. */
    static String instrument(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A Sepolia leg owned by the platform's sandbox environment. */
    static EscrowLeg leg(int index, String instrument, String quantity, String depositor, String recipient,
            TestPlatform owner) {
        return leg(index, SEPOLIA, instrument, quantity, depositor, recipient, owner.platformId(),
                owner.environmentId());
    }

    static EscrowLeg leg(int index, long chainId, String instrument, String quantity, String depositor,
            String recipient, UUID platformId, UUID environmentId) {
        return new EscrowLeg(index, chainId, instrument, Quantity.parse(quantity), depositor, recipient, platformId,
                environmentId);
    }
}
