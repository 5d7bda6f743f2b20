package xyz.keystoneos.identity.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One IP allowlist entry: a single IPv4/IPv6 address or a CIDR block, parsed with the JDK only from literals (a
 * host name is refused, so parsing never touches DNS). Stored in canonical form: the network address and prefix,
 * e.g. {@code 10.0.0.0/8}, {@code 2001:db8:0:0:0:0:0:0/32}, {@code 203.0.113.7/32}.
 */
record IpRange(byte[] network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]+$");

    /** The range of {@code text} ({@code address} or {@code address/prefix}), or empty when it is not one. */
    static Optional<IpRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        Optional<byte[]> bytes = literal(address);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        int bits = bytes.get().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (!digits.matches("\\d{1,3}")) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
            if (prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpRange(mask(bytes.get(), prefix), prefix));
    }

    /** The address of an IP literal (IPv4-mapped IPv6 addresses come back as IPv4). */
    static Optional<byte[]> literal(String address) {
        if (address == null || address.isEmpty()) {
            return Optional.empty();
        }
        boolean v4 = IPV4.matcher(address).matches();
        boolean v6 = address.contains(":") && IPV6.matcher(address).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        byte[] masked = mask(address, prefix);
        return java.util.Arrays.equals(masked, network);
    }

    String canonical() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xFF << (8 - keep)));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && range.prefix == prefix
                && java.util.Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return canonical();
    }
}
