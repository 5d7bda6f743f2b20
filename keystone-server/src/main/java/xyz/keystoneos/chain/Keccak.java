package xyz.keystoneos.chain;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Ethereum's keccak256 (the original Keccak padding, not NIST SHA3-256), as used for deposit keys, function
 * selectors and EIP-55 checksums.
 */
public final class Keccak {

    private static final int BITS = 256;

    private Keccak() {
    }

    /** The 32-byte keccak256 digest of {@code input}. */
    public static byte[] keccak256(byte[] input) {
        KeccakDigest digest = new KeccakDigest(BITS);
        digest.update(input, 0, input.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /** The keccak256 digest of the UTF-8 bytes of {@code text}. */
    public static byte[] keccak256(String text) {
        return keccak256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The keccak256 digest of {@code input} as {@code 0x} + 64 lower-case hex digits. */
    public static String keccak256Hex(byte[] input) {
        return Hex.encode(keccak256(input));
    }
}
