package xyz.keystoneos.contracts;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.web3j.utils.Numeric;

/**
 * A settlement's id on chain: {@code bytes32} = the UUID's 16 bytes (big-endian) followed by 16 zero bytes, the
 * same encoding as the {@code depositLeg} calldata the API hands out.
 */
public final class SettlementIds {

    private SettlementIds() {
    }

    public static byte[] toBytes32(UUID id) {
        return ByteBuffer.allocate(32).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    public static UUID fromBytes32(byte[] word) {
        ByteBuffer buffer = ByteBuffer.wrap(word);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    public static UUID fromHex(String bytes32) {
        return fromBytes32(Numeric.hexStringToByteArray(bytes32));
    }

    public static String toHex(UUID id) {
        return Numeric.toHexString(toBytes32(id));
    }
}
