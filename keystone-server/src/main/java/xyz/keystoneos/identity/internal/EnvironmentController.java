package xyz.keystoneos.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.identity.IdentityActivity;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.identity.internal.EnvironmentClients.ClientView;
import xyz.keystoneos.identity.internal.Environments.Environment;
import xyz.keystoneos.shared.idempotency.Idempotency;
import xyz.keystoneos.shared.idempotency.IdempotencyKeys;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

/**
 * {@code /v1/platforms/me/environments}: the caller's platform's environments and their M2M clients. Reading
 * takes {@code platform:read} or {@code platform:environments:manage}; changing takes the latter.
 */
@RestController
@RequestMapping("/v1/platforms/me/environments")
class EnvironmentController {

    static final String CREATE_OPERATION = "environments.create";
    static final String CREATE_CLIENT_OPERATION = "environment_clients.create";

    private final Environments environments;
    private final EnvironmentClients clients;
    private final PlatformOnboarding onboarding;
    private final Idempotency idempotency;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    EnvironmentController(Environments environments, EnvironmentClients clients, PlatformOnboarding onboarding,
            Idempotency idempotency, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.environments = environments;
        this.clients = clients;
        this.onboarding = onboarding;
        this.idempotency = idempotency;
        this.transactions = transactions;
        this.events = events;
    }

    @PostMapping
    @RequiresScope(Scopes.ENVIRONMENTS_MANAGE)
    ResponseEntity<Environment> create(@RequestBody EnvironmentRequests.CreateEnvironment request,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String headerKey, Caller caller) {
        String key = IdempotencyKeys.resolve(request.idempotencyKey(), headerKey, false);
        UUID platform = caller.requirePlatform();
        request.check();
        if (key == null) {
            return ResponseEntity.status(HttpStatus.CREATED).body(environments.create(platform, request));
        }
        return idempotency.execute(caller.requireEnvironment().toString(), CREATE_OPERATION, key, request, () -> {
            Environment created = environments.create(platform, request);
            return new Idempotency.Created<>(created.id().toString(), created);
        }, id -> environments.find(UUID.fromString(id), platform)).toResponse();
    }

    @GetMapping
    @RequiresScope({Scopes.PLATFORM_READ, Scopes.ENVIRONMENTS_MANAGE})
    Page<Environment> list(@RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        PageQuery query = PageQuery.of(limit, offset, startingAfter);
        UUID platform = caller.requirePlatform();
        UUID after = null;
        if (startingAfter != null) {
            after = parse(startingAfter).filter(id -> environments.find(id, platform).isPresent())
                    .orElseThrow(() -> ApiException.invalidFields(List.of(new FieldError("starting_after",
                            "must be the id of one of your environments (the last item of the previous page)"))));
        }
        return Page.of(environments.list(platform, after, query.limit(), query.offset()),
                environments.count(platform), query);
    }

    @GetMapping("/{environment_id}")
    @RequiresScope({Scopes.PLATFORM_READ, Scopes.ENVIRONMENTS_MANAGE})
    Environment get(@PathVariable("environment_id") String environmentId, Caller caller) {
        return environments.require(environmentId, caller.requirePlatform());
    }

    /** Changes {@code name}, {@code default_timeout_seconds}, {@code rate_limit_rpm}, {@code webhook_url}, {@code api_version}. */
    @PatchMapping("/{environment_id}")
    @RequiresScope(Scopes.ENVIRONMENTS_MANAGE)
    Environment update(@PathVariable("environment_id") String environmentId,
            @RequestBody EnvironmentRequests.UpdateEnvironment request, Caller caller) {
        request.check();
        UUID platform = caller.requirePlatform();
        UUID id = environments.require(environmentId, platform).id();
        return transactions.execute(status -> environments.update(environments.lock(id, platform).orElseThrow(),
                request));
    }

    /**
     * Keeps the data but refuses the environment's credentials (401) until re-activated. The environment the
     * caller's own credentials belong to cannot be deactivated with them (409), so nobody locks themselves out.
     */
    @PostMapping("/{environment_id}/deactivate")
    @RequiresScope(Scopes.ENVIRONMENTS_MANAGE)
    Environment deactivate(@PathVariable("environment_id") String environmentId, Caller caller) {
        Environment environment = environments.require(environmentId, caller.requirePlatform());
        if (environment.id().equals(caller.environmentId())) {
            throw ApiException.conflict("cannot_deactivate_own_environment",
                    "These credentials belong to this environment; deactivate it with credentials of another one");
        }
        return setActive(environment, false, caller);
    }

    @PostMapping("/{environment_id}/reactivate")
    @RequiresScope(Scopes.ENVIRONMENTS_MANAGE)
    Environment reactivate(@PathVariable("environment_id") String environmentId, Caller caller) {
        return setActive(environments.require(environmentId, caller.requirePlatform()), true, caller);
    }

    private Environment setActive(Environment environment, boolean active, Caller caller) {
        return transactions.execute(status -> {
            Environment locked = environments.lock(environment.id(), environment.platformId()).orElseThrow();
            if (locked.isActive() != active) {
                environments.setActive(locked.id(), active);
                events.publishEvent(new IdentityActivity.CredentialChanged(
                        active ? "environment.reactivated" : "environment.deactivated", locked.id().toString(),
                        locked.platformId(), locked.id(), caller.actor(), Instant.now()));
            }
            return environments.find(locked.id(), locked.platformId()).orElseThrow();
        });
    }

    record CreateClient(String name, List<String> scopes, String idempotencyKey) {
    }

    /** 201 with the client and its {@code client_secret}, the only answer that ever shows the secret. */
    @PostMapping("/{environment_id}/clients")
    @RequiresScope(Scopes.ENVIRONMENTS_MANAGE)
    ResponseEntity<ClientView> createClient(@PathVariable("environment_id") String environmentId,
            @RequestBody CreateClient request, Caller caller) {
        Environment environment = environments.require(environmentId, caller.requirePlatform());
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            throw ApiException.invalidFields(List.of(new FieldError("name", "is required, at most 100 characters")));
        }
        if (request.scopes() != null && request.scopes().contains(null)) {
            throw ApiException.invalidFields(List.of(new FieldError("scopes", "must not contain null")));
        }
        Set<String> scopes = request.scopes() == null ? Scopes.PLATFORM : Set.copyOf(request.scopes());
        ClientView created = transactions.execute(status -> {
            ClientCredentials credentials = onboarding.createClient(environment.platformId(), environment.id(),
                    request.name().strip(), scopes);
            events.publishEvent(new IdentityActivity.CredentialChanged("client.created", credentials.clientId(),
                    environment.platformId(), environment.id(), caller.actor(), Instant.now()));
            return clients.require(credentials.clientId(), environment.id()).withSecret(credentials.clientSecret());
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping("/{environment_id}/clients")
    @RequiresScope({Scopes.PLATFORM_READ, Scopes.ENVIRONMENTS_MANAGE})
    Page<ClientView> listClients(@PathVariable("environment_id") String environmentId,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset, Caller caller) {
        PageQuery query = PageQuery.of(limit, offset, null);
        UUID environment = environments.require(environmentId, caller.requirePlatform()).id();
        return Page.of(clients.list(environment, query.limit(), query.offset()), clients.count(environment), query);
    }

    /** A new secret, shown once; the old secret can no longer obtain tokens (tokens already issued stay valid). */
    @PostMapping("/{environment_id}/clients/{client_id}/rotate-secret")
    @RequiresScope(Scopes.ENVIRONMENTS_MANAGE)
    ClientView rotateClientSecret(@PathVariable("environment_id") String environmentId,
            @PathVariable("client_id") String clientId, Caller caller) {
        Environment environment = environments.require(environmentId, caller.requirePlatform());
        return transactions.execute(status -> {
            ClientView rotated = clients.rotate(clientId, environment.id());
            events.publishEvent(new IdentityActivity.CredentialChanged("client.secret_rotated", clientId,
                    environment.platformId(), environment.id(), caller.actor(), Instant.now()));
            return rotated;
        });
    }

    /** 204; the client can no longer obtain tokens and its existing tokens are refused from the next request on. */
    @DeleteMapping("/{environment_id}/clients/{client_id}")
    @RequiresScope(Scopes.ENVIRONMENTS_MANAGE)
    ResponseEntity<Void> revokeClient(@PathVariable("environment_id") String environmentId,
            @PathVariable("client_id") String clientId, Caller caller) {
        Environment environment = environments.require(environmentId, caller.requirePlatform());
        transactions.executeWithoutResult(status -> {
            if (clients.revoke(clientId, environment.id())) {
                events.publishEvent(new IdentityActivity.CredentialChanged("client.revoked", clientId,
                        environment.platformId(), environment.id(), caller.actor(), Instant.now()));
            }
        });
        return ResponseEntity.noContent().build();
    }

    private static java.util.Optional<UUID> parse(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
