package xyz.keystoneos.chain;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * EVM account addresses: {@code 0x} + 40 hex digits. Mixed-case input must carry a valid EIP-55 checksum;
 * all-lower-case and all-upper-case input carries none and is accepted as is. Stored and compared lower-case.
 */
public final class WalletAddress {

    private static final Pattern FORMAT = Pattern.compile("0x[0-9a-fA-F]{40}");

    private WalletAddress() {
    }

    /**
     * The address in its canonical lower-case form.
     *
     * @throws IllegalArgumentException when it is not {@code 0x} + 40 hex digits, or is mixed case with a wrong
     *                                  EIP-55 checksum; the message reads as the end of "wallet_address ..."
     */
    public static String normalize(String address) {
        if (address == null || !FORMAT.matcher(address).matches()) {
            throw new IllegalArgumentException("must be an EVM address: 0x followed by 40 hex digits");
        }
        String digits = address.substring(2);
        String lower = digits.toLowerCase(Locale.ROOT);
        boolean mixedCase = !digits.equals(lower) && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixedCase && !digits.equals(checksumDigits(lower))) {
            throw new IllegalArgumentException("has an invalid EIP-55 checksum (expected 0x" + checksumDigits(lower)
                    + "); check the address, or send it all lower-case");
        }
        return "0x" + lower;
    }

    /** Whether {@link #normalize(String)} accepts the address. */
    public static boolean isValid(String address) {
        try {
            normalize(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The EIP-55 mixed-case form of a valid address. */
    public static String checksummed(String address) {
        return "0x" + checksumDigits(normalize(address).substring(2));
    }

    private static String checksumDigits(String lowerDigits) {
        byte[] hash = Keccak.keccak256(lowerDigits.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder(lowerDigits.length());
        for (int i = 0; i < lowerDigits.length(); i++) {
            char c = lowerDigits.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
            out.append(Character.isLetter(c) && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }
}
