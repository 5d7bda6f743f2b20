package xyz.keystoneos.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import xyz.keystoneos.identity.internal.ClientSecrets;
import xyz.keystoneos.identity.internal.IdentityRepository;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;

/**
 * Creates and changes tenants: platforms (each starts with a {@code development} sandbox environment), M2M
 * clients and operator clients. Used by the first-start seeding, the admin API and tests.
 */
@Service
public class PlatformOnboarding {

    /** The API version new environments are pinned to (SPEC §4). */
    public static final String CURRENT_API_VERSION = "2026-11-01";

    private final IdentityRepository repository;
    private final PasswordEncoder passwordEncoder;

    PlatformOnboarding(IdentityRepository repository, PasswordEncoder passwordEncoder) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
    }

    @Transactional
    public RegisteredPlatform registerPlatform(String name, String slug) {
        UUID platformId = UUID.randomUUID();
        UUID environmentId = UUID.randomUUID();
        repository.insertPlatform(platformId, name, slug);
        repository.insertEnvironment(environmentId, platformId, "Development", "development", "sandbox",
                CURRENT_API_VERSION);
        return new RegisteredPlatform(platformId, slug, environmentId);
    }

    /**
     * Registers a platform with its public profile (each profile field may be {@code null}). A taken slug is a
     * {@link org.springframework.dao.DuplicateKeyException}.
     */
    @Transactional
    public RegisteredPlatform registerPlatform(String name, String slug, String logoUrl, String supportEmail,
            String supportUrl) {
        RegisteredPlatform platform = registerPlatform(name, slug);
        repository.updatePlatformProfile(platform.platformId(), logoUrl, supportEmail, supportUrl);
        return platform;
    }

    public Optional<Platform> findPlatform(UUID platformId) {
        return repository.findPlatform(platformId);
    }

    /**
     * Platforms, newest first, optionally only those with {@code status} ({@code active}/{@code suspended}) and only
     * those after {@code startingAfter} (a platform id) in that order.
     */
    public List<Platform> listPlatforms(String status, UUID startingAfter, int limit, int offset) {
        return repository.listPlatforms(status, startingAfter, limit, offset);
    }

    public long countPlatforms(String status) {
        return repository.countPlatforms(status);
    }

    /** Creates a client bound to one environment; the secret in the result is never retrievable again. */
    @Transactional
    public ClientCredentials createClient(UUID platformId, UUID environmentId, String name, Set<String> scopes) {
        checkScopes(scopes, Scopes.PLATFORM);
        return create(name, "platform", platformId, environmentId, scopes);
    }

    @Transactional
    public ClientCredentials createOperatorClient(String name) {
        return create(name, "operator", null, null, Scopes.OPERATOR);
    }

    @Transactional
    public void createOperator(String email, String name, String password) {
        repository.insertOperator(email, name, passwordEncoder.encode(password));
    }

    @Transactional
    public void suspendPlatform(UUID platformId) {
        repository.setPlatformStatus(platformId, "suspended");
    }

    @Transactional
    public void reinstatePlatform(UUID platformId) {
        repository.setPlatformStatus(platformId, "active");
    }

    @Transactional
    public void setEnvironmentActive(UUID environmentId, boolean active) {
        repository.setEnvironmentActive(environmentId, active);
    }

    @Transactional
    public void revokeClient(String clientId) {
        repository.revokeClient(clientId);
    }

    private ClientCredentials create(String name, String kind, UUID platformId, UUID environmentId,
            Set<String> scopes) {
        String clientId = ClientSecrets.newClientId();
        String secret = ClientSecrets.newSecret();
        Set<String> granted = new LinkedHashSet<>(scopes.stream().sorted().toList());
        repository.insertClient(clientId, passwordEncoder.encode(secret), name, kind, platformId, environmentId,
                granted);
        return new ClientCredentials(clientId, secret, granted);
    }

    private static void checkScopes(Set<String> requested, Set<String> allowed) {
        if (requested.isEmpty()) {
            throw ApiException.invalidFields(List.of(new FieldError("scopes", "must name at least one scope")));
        }
        List<String> unknown = requested.stream().filter(s -> !allowed.contains(s)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw ApiException.invalidFields(List.of(new FieldError("scopes",
                    "not grantable to a platform client: " + String.join(", ", unknown))));
        }
    }
}
