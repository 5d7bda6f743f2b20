package xyz.keystoneos.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address a request really comes from. The TCP peer, unless the peer is a configured trusted proxy
 * ({@code keystone.security.trusted-proxies}, IPs or CIDRs): then {@code X-Forwarded-For} is read from the right,
 * skipping trusted proxies, and the first untrusted hop is the client. A client-supplied header is never believed
 * when the request did not come through a trusted proxy.
 */
@Component
class ClientAddresses {

    private final List<IpRange> trustedProxies;

    ClientAddresses(@Value("${keystone.security.trusted-proxies:}") List<String> trustedProxies) {
        List<IpRange> ranges = new ArrayList<>();
        for (String proxy : trustedProxies) {
            if (proxy.isBlank()) {
                continue;
            }
            ranges.add(IpRange.parse(proxy).orElseThrow(() -> new IllegalArgumentException(
                    "keystone.security.trusted-proxies: not an IP address or CIDR block: " + proxy)));
        }
        this.trustedProxies = List.copyOf(ranges);
    }

    /** The client's address as text (as the activity log shows it). */
    String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (IpRange.literal(hop).isEmpty()) {
                return peer;
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : hops.getFirst();
    }

    private boolean trusted(String address) {
        if (trustedProxies.isEmpty()) {
            return false; // the common case: no proxy configured, nothing to parse
        }
        Optional<byte[]> bytes = IpRange.literal(address);
        return bytes.isPresent() && trustedProxies.stream().anyMatch(range -> range.contains(bytes.get()));
    }

    /** Whether {@code address} is allowed by the entries (no entries: everything is). */
    static boolean allowed(String address, List<String> allowlist) {
        if (allowlist.isEmpty()) {
            return true;
        }
        Optional<byte[]> bytes = IpRange.literal(address);
        return bytes.isPresent() && allowlist.stream().map(IpRange::parse).flatMap(Optional::stream)
                .anyMatch(range -> range.contains(bytes.get()));
    }
}
