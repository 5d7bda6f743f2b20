package xyz.keystoneos.contracts;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Small helpers for ABI words: selectors, 32-byte encodings and decodings. */
final class Abi {

    static final int WORD = 32;

    private Abi() {
    }

    static byte[] selector(String signature) {
        return Arrays.copyOf(Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 4);
    }

    static String topic(String eventSignature) {
        return Hash.sha3String(eventSignature);
    }

    static byte[] uint(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + value);
        }
        return Numeric.toBytesPadded(value, WORD);
    }

    static byte[] uint(long value) {
        return uint(BigInteger.valueOf(value));
    }

    static byte[] address(String address) {
        byte[] raw = Numeric.hexStringToByteArray(address);
        if (raw.length != 20) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        byte[] word = new byte[WORD];
        System.arraycopy(raw, 0, word, 12, 20);
        return word;
    }

    static byte[] bytes32(byte[] value) {
        if (value.length != WORD) {
            throw new IllegalArgumentException("bytes32 needs 32 bytes, not " + value.length);
        }
        return value.clone();
    }

    static byte[] word(byte[] data, int index) {
        return Arrays.copyOfRange(data, index * WORD, (index + 1) * WORD);
    }

    static BigInteger uintAt(byte[] data, int index) {
        return new BigInteger(1, word(data, index));
    }

    static String addressAt(byte[] data, int index) {
        return Numeric.toHexString(Arrays.copyOfRange(data, index * WORD + 12, (index + 1) * WORD));
    }

    static String addressOfTopic(String topic) {
        byte[] word = Numeric.hexStringToByteArray(topic);
        return Numeric.toHexString(Arrays.copyOfRange(word, 12, 32));
    }

    static String hex(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return Numeric.toHexString(out.toByteArray());
    }
}
