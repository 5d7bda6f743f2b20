package xyz.keystoneos.webhook.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;

/**
 * Server-side request forgery guard for webhook targets. Unless {@code keystone.webhooks.allow-private-targets} is on
 * (the {@code dev} profile and the tests), a target must be {@code https} and every address its host resolves to
 * must be public: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (incl. cloud metadata
 * 169.254.169.254), CGNAT (100.64/10), unspecified and multicast addresses are refused — when the endpoint is saved
 * and again before every delivery (DNS may change: rebinding). The JDK's DNS cache (30 s) makes the connection use
 * the answer that was checked in practice; a deployment that needs a hard guarantee should route webhooks through
 * an egress proxy.
 */
@Component
class TargetGuard {

    private final boolean allowPrivateTargets;

    TargetGuard(@Value("${keystone.webhooks.allow-private-targets:false}") boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
    }

    /** Refused target: why, for the delivery log or the 422. */
    static final class BlockedTarget extends Exception {
        BlockedTarget(String message) {
            super(message);
        }
    }

    /** Checks a URL a client wants to register; 400 for a malformed URL, 422 for a refused target. */
    URI checkRegistration(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw invalid("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("must name a host");
        }
        if (uri.getUserInfo() != null) {
            throw invalid("must not contain credentials");
        }
        if (uri.getFragment() != null) {
            throw invalid("must not contain a fragment");
        }
        try {
            check(uri);
        } catch (BlockedTarget e) {
            throw ApiException.unprocessable("webhook_target_not_allowed",
                    List.of(new FieldError("url", e.getMessage())));
        }
        return uri;
    }

    /** Checks a target right before a delivery. */
    void check(URI uri) throws BlockedTarget {
        if (allowPrivateTargets) {
            return;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new BlockedTarget("webhook targets must use https");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new BlockedTarget("the host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                throw new BlockedTarget("the host " + uri.getHost() + " resolves to a non-public address ("
                        + address.getHostAddress() + ")");
            }
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second <= 127) && first < 224;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
            boolean mappedV4 = isMappedV4(bytes);
            if (mappedV4) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return !uniqueLocal;
        }
        return false;
    }

    private static boolean isMappedV4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    private static ApiException invalid(String message) {
        return ApiException.invalidFields(List.of(new FieldError("url", message)));
    }
}
