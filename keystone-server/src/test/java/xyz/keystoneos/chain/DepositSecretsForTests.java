package xyz.keystoneos.chain;

import java.security.SecureRandom;

/** Well-formed deposit secrets that open no leg. */
final class DepositSecretsForTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DepositSecretsForTests() {
    }

    static String random() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Hex.encode(secret);
    }
}
