package xyz.keystoneos.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.shared.web.ProblemWriter;

/**
 * After the token's signature and claims are verified, checks the live state behind it on every request: the
 * client still exists and is not revoked (401), its environment is active (401) and its platform is not suspended
 * (403). Publishes the resulting {@link Caller} as a request attribute.
 */
class CallerResolutionFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = Caller.class.getName();

    private final IdentityRepository identities;
    private final ProblemWriter problems;

    CallerResolutionFilter(IdentityRepository identities, ProblemWriter problems) {
        this.identities = identities;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            chain.doFilter(request, response);
            return;
        }
        Jwt jwt = token.getToken();
        Optional<IdentityRepository.ClientRecord> found = identities.findClient(jwt.getSubject());
        if (found.isEmpty() || found.get().revoked()) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "client_revoked",
                    "The client this token was issued to has been revoked");
            return;
        }
        IdentityRepository.ClientRecord client = found.get();
        if ("suspended".equals(client.platformStatus())) {
            problems.write(response, HttpStatus.FORBIDDEN, "platform_suspended",
                    "Your platform is suspended; contact KeyStone support");
            return;
        }
        if (Boolean.FALSE.equals(client.environmentActive())) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "environment_inactive",
                    "The environment of these credentials is deactivated");
            return;
        }
        Caller caller = new Caller(
                "operator".equals(client.kind()) ? Caller.Kind.OPERATOR : Caller.Kind.PLATFORM,
                client.clientId(), client.platformId(), client.environmentId(), client.environmentSlug(),
                client.environmentKind(), scopes(jwt));
        request.setAttribute(ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    private static Set<String> scopes(Jwt jwt) {
        Object claim = jwt.getClaims().get("scope");
        if (claim instanceof String text && !text.isBlank()) {
            return Set.copyOf(new LinkedHashSet<>(Arrays.asList(text.trim().split("\\s+"))));
        }
        if (claim instanceof java.util.Collection<?> list) {
            return list.stream().map(String::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        return Set.of();
    }
}
