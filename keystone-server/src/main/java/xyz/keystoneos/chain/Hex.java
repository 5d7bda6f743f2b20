package xyz.keystoneos.chain;

import java.util.HexFormat;

/** {@code 0x}-prefixed lower-case hex, the way EVM tooling writes bytes. */
public final class Hex {

    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    /** {@code 0x} followed by two lower-case hex digits per byte; {@code "0x"} for no bytes. */
    public static String encode(byte[] bytes) {
        return "0x" + FORMAT.formatHex(bytes);
    }

    /**
     * The bytes of a hex string, with or without the {@code 0x} prefix, in either case.
     *
     * @throws IllegalArgumentException when the text is not an even number of hex digits
     */
    public static byte[] decode(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("must be a hex string, not null");
        }
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("must have an even number of hex digits");
        }
        try {
            return FORMAT.parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must contain only hex digits (0-9, a-f)", e);
        }
    }
}
