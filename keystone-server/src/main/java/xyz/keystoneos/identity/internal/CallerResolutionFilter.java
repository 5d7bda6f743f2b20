package xyz.keystoneos.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
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
 * client (or session) still exists and is not revoked (401), its environment is active (401) and its platform is not
 * suspended (403); then the environment's IP allowlist (403 {@code ip_not_allowed}), the {@code Keystone-Version}
 * header (400 for an unknown version; the answer echoes the version in effect) and the environment's rate limit
 * ({@code X-RateLimit-*} headers on every answer, 429 with {@code Retry-After} over the limit). Publishes the
 * resulting {@link Caller} as a request attribute.
 */
class CallerResolutionFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = Caller.class.getName();

    static final String ENVIRONMENT_HEADER = "X-Keystone-Environment";

    private final IdentityRepository identities;
    private final Members members;
    private final ExternalIssuerProperties external;
    private final Sessions sessions;
    private final ClientAddresses addresses;
    private final RateLimits rateLimits;
    private final ProblemWriter problems;

    CallerResolutionFilter(IdentityRepository identities, Members members, ExternalIssuerProperties external,
            Sessions sessions, ClientAddresses addresses, RateLimits rateLimits, ProblemWriter problems) {
        this.external = external;
        this.identities = identities;
        this.members = members;
        this.sessions = sessions;
        this.addresses = addresses;
        this.rateLimits = rateLimits;
        this.problems = problems;
    }

    /** What the checks after authentication need to know about the caller's environment. */
    private record Access(Caller caller, String apiVersion, Integer rateLimitRpm, List<String> allowlist) {
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
        String kind = jwt.getClaimAsString(ClientCredentialsTokenClaims.CLIENT_KIND);
        boolean fromExternalIssuer = external.enabled() && jwt.getIssuer() != null
                && external.issuer().equals(jwt.getIssuer().toString());
        Access access = fromExternalIssuer ? externalUserAccess(jwt, request, response)
                : SessionTokens.KIND.equals(kind) ? sessionAccess(jwt, response)
                : ClientCredentialsTokenClaims.USER_KIND.equals(kind)
                        || ClientCredentialsTokenClaims.OPERATOR_USER_KIND.equals(kind)
                        ? userAccess(jwt, request, response) : clientAccess(jwt, response);
        if (access == null) {
            return;
        }
        Caller caller = access.caller();
        String address = addresses.of(request);
        if (caller.environmentId() != null && access.allowlist() != null
                && !ClientAddresses.allowed(address, access.allowlist())) {
            problems.write(response, HttpStatus.FORBIDDEN, "ip_not_allowed",
                    "Requests from " + address + " are not on this environment's IP allowlist");
            return;
        }
        String requested = request.getHeader(ApiVersions.HEADER);
        if (requested != null && !ApiVersions.isKnown(requested.strip())) {
            problems.write(response, HttpStatus.BAD_REQUEST, "unknown_api_version",
                    "Keystone-Version " + requested + " is not known; known versions: " + ApiVersions.KNOWN);
            return;
        }
        response.setHeader(ApiVersions.HEADER, requested != null ? requested.strip()
                : access.apiVersion() != null ? access.apiVersion() : ApiVersions.KNOWN.getLast());
        if (caller.environmentId() != null && access.rateLimitRpm() != null) {
            RateLimits.Decision decision = rateLimits.take(caller.environmentId(), access.rateLimitRpm());
            response.setHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
            response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
            response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetEpochSeconds()));
            if (!decision.allowed()) {
                response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
                problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                        "This environment's limit of " + decision.limit() + " requests per minute is used up; retry in "
                                + decision.retryAfterSeconds() + " s");
                return;
            }
        }
        request.setAttribute(ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    private Access clientAccess(Jwt jwt, HttpServletResponse response) throws IOException {
        Optional<IdentityRepository.ClientRecord> found = identities.findClient(jwt.getSubject());
        if (found.isEmpty() || found.get().revoked()) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "client_revoked",
                    "The client this token was issued to has been revoked");
            return null;
        }
        IdentityRepository.ClientRecord client = found.get();
        if (!live(client.platformStatus(), client.environmentActive(), response)) {
            return null;
        }
        Caller caller = new Caller(
                "operator".equals(client.kind()) ? Caller.Kind.OPERATOR : Caller.Kind.PLATFORM,
                client.clientId(), client.platformId(), client.environmentId(), client.environmentSlug(),
                client.environmentKind(), scopes(jwt));
        return new Access(caller, client.apiVersion(), client.rateLimitRpm(), client.allowlist());
    }

    /**
     * A logged-in member: the role is read now (a change applies at once), the environment comes from the
     * {@code X-Keystone-Environment} header (id or slug of an active environment of the member's platform). IP
     * allowlists bind API credentials (M2M and session tokens), not people.
     */
    private Access userAccess(Jwt jwt, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Members.Account> found = members.findAccount(jwt.getSubject());
        if (found.isEmpty()) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "account_removed", "This account no longer exists");
            return null;
        }
        return memberAccess(found.get(), null, request, response);
    }

    /**
     * A user token of the configured external issuer: the person is found by e-mail among KeyStone's members,
     * the token's organisation claim must name their platform (id or slug), and they get the permissions both
     * the token and their KeyStone role grant.
     */
    private Access externalUserAccess(Jwt jwt, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String email = jwt.getClaimAsString(external.emailClaim());
        Optional<Members.Account> found = email == null ? Optional.empty()
                : members.findAccountByEmail(email).filter(a -> a.kind().equals("user"));
        if (found.isEmpty()) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "unknown_member",
                    "The person this token names is not a member of any platform in KeyStone");
            return null;
        }
        Members.Account account = found.get();
        String organisation = jwt.getClaimAsString(external.organisationClaim());
        boolean samePlatform = organisation != null && (organisation.equals(account.platformId().toString())
                || identities.findPlatform(account.platformId()).map(p -> p.slug().equals(organisation))
                        .orElse(false));
        if (!samePlatform) {
            problems.write(response, HttpStatus.FORBIDDEN, "organisation_mismatch",
                    "The token's " + external.organisationClaim() + " claim does not name the member's platform");
            return null;
        }
        List<String> granted = jwt.getClaimAsStringList(external.permissionsClaim());
        return memberAccess(account, granted == null ? Set.of() : Set.copyOf(granted), request, response);
    }

    /** {@code tokenPermissions}: {@code null} for built-in tokens (the role decides), else intersected with it. */
    private Access memberAccess(Members.Account account, Set<String> tokenPermissions, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        if (account.kind().equals("operator")) {
            return new Access(new Caller(Caller.Kind.OPERATOR, account.principal(), null, null, null, null,
                    xyz.keystoneos.identity.Scopes.OPERATOR), null, null, null);
        }
        if (!live(account.platformStatus(), true, response)) {
            return null;
        }
        String wanted = request.getHeader(ENVIRONMENT_HEADER);
        if (wanted == null || wanted.isBlank()) {
            problems.write(response, HttpStatus.BAD_REQUEST, "environment_header_required",
                    "Calls with a user token name their environment in the " + ENVIRONMENT_HEADER + " header");
            return null;
        }
        Optional<IdentityRepository.EnvironmentRecord> environment =
                identities.findEnvironment(account.platformId(), wanted.strip());
        if (environment.isEmpty() || !environment.get().active()) {
            problems.write(response, HttpStatus.FORBIDDEN, "environment_not_accessible",
                    "Environment " + wanted.strip() + " is not an active environment of your platform");
            return null;
        }
        IdentityRepository.EnvironmentRecord env = environment.get();
        Set<String> rolePermissions = xyz.keystoneos.identity.MemberRole.fromWire(account.role())
                .map(xyz.keystoneos.identity.MemberRole::permissions).orElse(Set.of());
        Set<String> permissions = tokenPermissions == null ? rolePermissions
                : rolePermissions.stream().filter(tokenPermissions::contains)
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
        Caller caller = new Caller(Caller.Kind.PLATFORM, account.principal(), account.platformId(), env.id(),
                env.slug(), env.kind(), permissions);
        return new Access(caller, env.apiVersion(), env.rateLimitRpm(), null);
    }

    private Access sessionAccess(Jwt jwt, HttpServletResponse response) throws IOException {
        Optional<Sessions.SessionAccess> found = Optional.empty();
        try {
            found = sessions.access(UUID.fromString(jwt.getClaimAsString(SessionTokens.SESSION_ID)));
        } catch (IllegalArgumentException | NullPointerException malformed) {
            // reported below as revoked: the token names no session of ours
        }
        if (found.isEmpty() || found.get().session().revokedAt() != null) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "session_revoked", "This session has been revoked");
            return null;
        }
        Sessions.SessionAccess session = found.get();
        if (!session.session().activeAt(Instant.now())) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "session_expired", "This session has expired");
            return null;
        }
        if (!live(session.platformStatus(), session.environmentActive(), response)) {
            return null;
        }
        Sessions.Session s = session.session();
        Caller caller = new Caller(Caller.Kind.PLATFORM, s.createdBy().replaceFirst("^m2m:", ""), s.platformId(),
                s.environmentId(), session.environmentSlug(), session.environmentKind(), Set.copyOf(s.scopes()),
                s.id(), s.settlementIds() == null ? null : Set.copyOf(s.settlementIds()));
        return new Access(caller, session.apiVersion(), session.rateLimitRpm(), session.allowlist());
    }

    private boolean live(String platformStatus, Boolean environmentActive, HttpServletResponse response)
            throws IOException {
        if ("suspended".equals(platformStatus)) {
            problems.write(response, HttpStatus.FORBIDDEN, "platform_suspended",
                    "Your platform is suspended; contact KeyStone support");
            return false;
        }
        if (Boolean.FALSE.equals(environmentActive)) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "environment_inactive",
                    "The environment of these credentials is deactivated");
            return false;
        }
        return true;
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
