package xyz.keystoneos.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.identity.AuthenticatedOnly;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.IdentityActivity;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.identity.internal.Sessions.Session;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

/**
 * {@code /v1/sessions}: a platform's backend (M2M token) mints short-lived tokens for its users' browsers, with a
 * subset of its own scopes and optionally limited to some settlements. Revocation takes effect on the next request.
 */
@RestController
@RequestMapping("/v1/sessions")
class SessionController {

    static final List<String> DEFAULT_SCOPES = List.of(Scopes.INSTRUCTIONS_READ, Scopes.INSTRUCTIONS_WRITE);
    static final int DEFAULT_LIFETIME_SECONDS = 3600;
    static final int MIN_LIFETIME_SECONDS = 60;
    static final int MAX_LIFETIME_SECONDS = 86_400;
    static final int MAX_SETTLEMENT_IDS = 100;

    private final Sessions sessions;
    private final SessionTokens tokens;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    SessionController(Sessions sessions, SessionTokens tokens, TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.transactions = transactions;
        this.events = events;
    }

    /**
     * @param scopes           optional subset of the caller's scopes; default {@code instructions:read instructions:write}
     * @param expiresInSeconds optional lifetime, 60..86400, default 3600
     * @param settlementIds    optional; when given, settlement endpoints answer 403 for every other settlement
     */
    record CreateSession(List<String> scopes, Integer expiresInSeconds, List<UUID> settlementIds) {
    }

    /** The session and, in this answer only, its token. */
    record CreatedSession(UUID id, UUID environmentId, List<String> scopes, List<UUID> settlementIds,
            Instant expiresAt, Instant createdAt, Instant revokedAt, String accessToken, String tokenType,
            long expiresIn) {
    }

    @PostMapping
    @AuthenticatedOnly
    ResponseEntity<CreatedSession> create(@RequestBody(required = false) CreateSession request, Caller caller) {
        CreateSession body = request == null ? new CreateSession(null, null, null) : request;
        requireClientCaller(caller);
        UUID environment = caller.requireEnvironment();
        if (body.scopes() != null && body.scopes().contains(null)) {
            throw ApiException.invalidFields(List.of(new FieldError("scopes", "must not contain null")));
        }
        List<String> scopes = body.scopes() == null ? DEFAULT_SCOPES
                : List.copyOf(new LinkedHashSet<>(body.scopes()));
        int lifetime = body.expiresInSeconds() == null ? DEFAULT_LIFETIME_SECONDS : body.expiresInSeconds();
        check(body, scopes, lifetime);
        List<String> notHeld = scopes.stream().filter(s -> !caller.hasScope(s)).sorted().toList();
        if (!notHeld.isEmpty()) {
            throw ApiException.forbidden("scope_not_held", "A session can only carry scopes the caller holds; "
                    + "missing " + String.join(", ", notHeld)).with("scopes", notHeld);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Session session = new Session(UUID.randomUUID(), caller.platformId(), environment, caller.actor(),
                scopes.stream().sorted().toList(),
                body.settlementIds() == null ? null : List.copyOf(new LinkedHashSet<>(body.settlementIds())),
                now.plusSeconds(lifetime), null, now);
        transactions.executeWithoutResult(status -> {
            sessions.insert(session);
            events.publishEvent(new IdentityActivity.CredentialChanged("session.created", session.id().toString(),
                    session.platformId(), environment, caller.actor(), now));
        });
        String token = tokens.mint(session);
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedSession(session.id(), environment,
                session.scopes(), session.settlementIds(), session.expiresAt(), session.createdAt(), null, token,
                "Bearer", Duration.between(now, session.expiresAt()).toSeconds()));
    }

    @GetMapping
    @AuthenticatedOnly
    Page<Session> list(@RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset, Caller caller) {
        requireClientCaller(caller);
        PageQuery query = PageQuery.of(limit, offset, null);
        UUID environment = caller.requireEnvironment();
        return Page.of(sessions.list(environment, query.limit(), query.offset()), sessions.count(environment), query);
    }

    @GetMapping("/{id}")
    @AuthenticatedOnly
    Session get(@PathVariable("id") UUID id, Caller caller) {
        requireClientCaller(caller);
        return sessions.find(id, caller.requireEnvironment()).orElseThrow(() -> notFound(id));
    }

    /** 204; idempotent. The token is refused ({@code 401 session_revoked}) from the next request on. */
    @DeleteMapping("/{id}")
    @AuthenticatedOnly
    ResponseEntity<Void> revoke(@PathVariable("id") UUID id, Caller caller) {
        UUID environment = caller.requireEnvironment();
        boolean ownSession = id.equals(caller.sessionId());
        if (!ownSession) {
            requireClientCaller(caller);
        }
        Session session = sessions.find(id, environment).orElseThrow(() -> notFound(id));
        transactions.executeWithoutResult(status -> {
            if (sessions.revoke(session.id(), environment)) {
                events.publishEvent(new IdentityActivity.CredentialChanged("session.revoked", id.toString(),
                        session.platformId(), environment, caller.actor(), Instant.now()));
            }
        });
        return ResponseEntity.noContent().build();
    }

    /** Sessions are managed by the platform's backend; a session token may only revoke itself (logout). */
    private static void requireClientCaller(Caller caller) {
        if (caller.sessionId() != null) {
            throw ApiException.forbidden("session_not_allowed",
                    "Session tokens cannot manage sessions; use the platform's M2M credentials");
        }
        caller.requirePlatform();
    }

    private static void check(CreateSession body, List<String> scopes, int lifetime) {
        List<FieldError> errors = new ArrayList<>();
        if (scopes.isEmpty()) {
            errors.add(new FieldError("scopes", "must name at least one scope"));
        }
        List<String> unknown = scopes.stream().filter(s -> !Scopes.PLATFORM.contains(s)).sorted().toList();
        if (!unknown.isEmpty()) {
            errors.add(new FieldError("scopes", "unknown scope(s): " + String.join(", ", unknown)));
        }
        if (lifetime < MIN_LIFETIME_SECONDS || lifetime > MAX_LIFETIME_SECONDS) {
            errors.add(new FieldError("expires_in_seconds",
                    "must be between " + MIN_LIFETIME_SECONDS + " and " + MAX_LIFETIME_SECONDS));
        }
        if (body.settlementIds() != null) {
            if (body.settlementIds().isEmpty() || body.settlementIds().size() > MAX_SETTLEMENT_IDS) {
                errors.add(new FieldError("settlement_ids", "must name 1 to " + MAX_SETTLEMENT_IDS
                        + " settlements (leave it out for no restriction)"));
            } else if (body.settlementIds().contains(null)) {
                errors.add(new FieldError("settlement_ids", "must not contain null"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("session_not_found", "No session " + id + " in your environment");
    }
}
