package xyz.keystoneos.chain.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import xyz.keystoneos.chain.Hex;
import xyz.keystoneos.chain.Keccak;

/**
 * Per-leg deposit secrets and their keys: the secret is 32 random bytes ({@code 0x} + 64 hex), the deposit key is
 * {@code keccak256(secret bytes)}. Whoever shows the secret may deposit the leg, exactly as on the escrow contract.
 */
final class DepositSecrets {

    private static final int SECRET_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DepositSecrets() {
    }

    /** A fresh secret from {@link SecureRandom}. */
    static String generate() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Hex.encode(secret);
    }

    /** The deposit key of a well-formed secret: {@code 0x} + keccak256 of its 32 bytes. */
    static String keyOf(String secret) {
        return Keccak.keccak256Hex(Hex.decode(secret));
    }

    /** Whether the text has the shape of a secret ({@code 0x} + 64 hex digits, either case). */
    static boolean isWellFormed(String secret) {
        return secret != null && FORMAT.matcher(secret).matches();
    }

    /** Whether the secret opens the deposit key, compared in constant time. */
    static boolean opens(String secret, String depositKey) {
        if (!isWellFormed(secret)) {
            return false;
        }
        byte[] expected = Hex.decode(depositKey);
        byte[] actual = Keccak.keccak256(Hex.decode(secret));
        return MessageDigest.isEqual(expected, actual);
    }
}
