package xyz.keystoneos.admin.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.activity.ActivityNotes;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.identity.Platform;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.identity.RegisteredPlatform;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

/**
 * {@code /v1/admin/platforms}: register platforms (each with its {@code development} sandbox environment and a first
 * M2M client whose secret is shown once), list and read them, suspend and reinstate them.
 */
@RestController
@RequestMapping("/v1/admin/platforms")
@RequiresScope(Scopes.ADMIN)
class AdminPlatformController {

    private static final List<String> STATUSES = List.of("active", "suspended");

    private final PlatformOnboarding onboarding;
    private final TransactionTemplate transactions;

    AdminPlatformController(PlatformOnboarding onboarding, TransactionTemplate transactions) {
        this.onboarding = onboarding;
        this.transactions = transactions;
    }

    record EnvironmentView(UUID id, String slug, String kind) {
    }

    record ClientView(String clientId, String clientSecret, Set<String> scopes) {
    }

    /** A new platform: its profile, its sandbox environment and its first client (the secret appears only here). */
    record RegisteredView(UUID id, String name, String slug, String status, String logoUrl, String supportEmail,
            String supportUrl, Instant createdAt, Instant updatedAt, EnvironmentView environment, ClientView client) {
    }

    @PostMapping
    ResponseEntity<RegisteredView> register(@RequestBody AdminRequests.RegisterPlatform request) {
        request.check();
        try {
            RegisteredView view = transactions.execute(status -> {
                RegisteredPlatform registered = onboarding.registerPlatform(request.name(), request.slug(),
                        request.logoUrl(), request.supportEmail(), request.supportUrl());
                ClientCredentials client = onboarding.createClient(registered.platformId(),
                        registered.environmentId(), "Initial client", Scopes.PLATFORM);
                Platform p = onboarding.findPlatform(registered.platformId()).orElseThrow();
                return new RegisteredView(p.id(), p.name(), p.slug(), p.status(), p.logoUrl(), p.supportEmail(),
                        p.supportUrl(), p.createdAt(), p.updatedAt(),
                        new EnvironmentView(registered.environmentId(), "development", "sandbox"),
                        new ClientView(client.clientId(), client.clientSecret(), client.scopes()));
            });
            ActivityNotes.platform(view.id());
            return ResponseEntity.status(HttpStatus.CREATED).body(view);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("platform_slug_taken", "A platform with the slug '" + request.slug()
                    + "' already exists").with("slug", request.slug());
        }
    }

    /** Platforms, newest first; {@code status} filters by {@code active} or {@code suspended}. */
    @GetMapping
    Page<Platform> list(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        PageQuery query = PageQuery.of(limit, offset, startingAfter);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalidFields(List.of(new FieldError("status",
                    "has an invalid value '" + status + "'; expected one of: active, suspended")));
        }
        UUID after = null;
        if (startingAfter != null) {
            after = AdminRequests.uuid("starting_after", startingAfter);
            if (onboarding.findPlatform(after).isEmpty()) {
                throw ApiException.invalidFields(List.of(new FieldError("starting_after",
                        "must be the id of a platform (the last item of the previous page)")));
            }
        }
        return Page.of(onboarding.listPlatforms(status, after, query.limit(), query.offset()),
                onboarding.countPlatforms(status), query);
    }

    @GetMapping("/{id}")
    Platform get(@PathVariable("id") UUID id) {
        return require(id);
    }

    /** Every call of the platform's credentials is refused with 403 {@code platform_suspended} from now on. */
    @PostMapping("/{id}/suspend")
    Platform suspend(@PathVariable("id") UUID id) {
        return setStatus(id, "suspended");
    }

    @PostMapping("/{id}/reinstate")
    Platform reinstate(@PathVariable("id") UUID id) {
        return setStatus(id, "active");
    }

    private Platform setStatus(UUID id, String status) {
        Platform platform = require(id);
        ActivityNotes.platform(id);
        if (status.equals(platform.status())) {
            ActivityNotes.unchanged();
            return platform;
        }
        if ("suspended".equals(status)) {
            onboarding.suspendPlatform(id);
        } else {
            onboarding.reinstatePlatform(id);
        }
        return require(id);
    }

    private Platform require(UUID id) {
        return onboarding.findPlatform(id)
                .orElseThrow(() -> ApiException.notFound("platform_not_found", "No platform " + id));
    }
}
