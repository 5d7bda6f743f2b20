package xyz.keystoneos.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.Scopes;

/**
 * Who may read {@code /actuator/prometheus} (business volumes, so not the public): a request whose client address
 * (see {@link ClientAddresses}, so {@code X-Forwarded-For} counts only behind a trusted proxy) is in
 * {@code keystone.metrics.allowed-networks}, without a token; from anywhere else, an operator with the
 * {@code admin} scope.
 */
@Component
class MetricsScrapeAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private final List<IpRange> allowedNetworks;
    private final ClientAddresses addresses;

    MetricsScrapeAccess(@Value("${keystone.metrics.allowed-networks:127.0.0.1/8,::1}") List<String> allowedNetworks,
            ClientAddresses addresses) {
        List<IpRange> ranges = new ArrayList<>();
        for (String network : allowedNetworks) {
            if (!network.isBlank()) {
                ranges.add(IpRange.parse(network).orElseThrow(() -> new IllegalArgumentException(
                        "keystone.metrics.allowed-networks: not an IP address or CIDR block: " + network)));
            }
        }
        this.allowedNetworks = List.copyOf(ranges);
        this.addresses = addresses;
    }

    @Override
    public AuthorizationDecision authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        return new AuthorizationDecision(fromAllowedNetwork(request) || byOperator(request));
    }

    boolean fromAllowedNetwork(HttpServletRequest request) {
        Optional<byte[]> address = IpRange.literal(addresses.of(request));
        return address.isPresent() && allowedNetworks.stream().anyMatch(range -> range.contains(address.get()));
    }

    /** The caller {@link CallerResolutionFilter} resolved from a live token, if any. */
    private static boolean byOperator(HttpServletRequest request) {
        return request.getAttribute(CallerResolutionFilter.ATTRIBUTE) instanceof Caller caller
                && caller.kind() == Caller.Kind.OPERATOR && caller.hasScope(Scopes.ADMIN);
    }
}
