package xyz.keystoneos.chain.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;
import xyz.keystoneos.chain.Hex;
import xyz.keystoneos.chain.Keccak;

/**
 * ABI encoding of {@code depositLeg(bytes32 settlementId, uint256 legIndex, bytes32 depositSecret)}: the 4-byte
 * selector, then three 32-byte words. The settlement id is the UUID's 16 bytes (big-endian) followed by 16 zero
 * bytes, the leg index a big-endian uint256, the secret its 32 bytes.
 */
final class DepositCalldata {

    static final String SIGNATURE = "depositLeg(bytes32,uint256,bytes32)";
    private static final byte[] SELECTOR = Arrays.copyOf(Keccak.keccak256(SIGNATURE), 4);
    private static final int WORD = 32;

    private DepositCalldata() {
    }

    /** {@code 0x} + selector + the three arguments, 100 bytes in all. */
    static String encode(UUID settlementId, int legIndex, String depositSecret) {
        byte[] secret = Hex.decode(depositSecret);
        if (secret.length != WORD) {
            throw new IllegalArgumentException("a deposit secret is 32 bytes, not " + secret.length);
        }
        if (legIndex < 0) {
            throw new IllegalArgumentException("leg index must not be negative");
        }
        ByteBuffer call = ByteBuffer.allocate(SELECTOR.length + 3 * WORD);
        call.put(SELECTOR);
        call.putLong(settlementId.getMostSignificantBits()).putLong(settlementId.getLeastSignificantBits());
        call.put(new byte[WORD / 2]);
        call.put(new byte[WORD - Integer.BYTES]).putInt(legIndex);
        call.put(secret);
        return Hex.encode(call.array());
    }

    /** The selector as {@code 0x} + 8 hex digits. */
    static String selector() {
        return Hex.encode(SELECTOR);
    }
}
