package xyz.keystoneos.sdkcontract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.sdk.ConflictException;
import xyz.keystoneos.sdk.ForbiddenException;
import xyz.keystoneos.sdk.KeystoneSyncClient;
import xyz.keystoneos.sdk.NotFoundException;
import xyz.keystoneos.sdk.ValidationException;
import xyz.keystoneos.sdk.model.CreateEnvironmentRequest;
import xyz.keystoneos.sdk.model.CreateSessionRequest;
import xyz.keystoneos.sdk.model.Environment;
import xyz.keystoneos.sdk.model.EnvironmentKind;
import xyz.keystoneos.sdk.model.Session;
import xyz.keystoneos.sdk.model.UpdateEnvironmentRequest;
import xyz.keystoneos.support.TestPlatform;

/**
 * Environments and session tokens through the SDK, written against the wire contract of
 * {@code /v1/platforms/me/environments} and {@code /v1/sessions} (see docs/sdk.md).
 */
class EnvironmentsAndSessionsContractTest extends SdkContractTest {

    private TestPlatform platform;
    private KeystoneSyncClient client;

    @BeforeEach
    void platform() {
        platform = newPlatform();
        client = sync(platform);
    }

    private static String slug() {
        return "env-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anEnvironmentIsCreatedReadListedUpdatedDeactivatedAndReactivated() {
        String slug = slug();
        String key = client.generateIdempotencyKey("env");
        CreateEnvironmentRequest request = CreateEnvironmentRequest.builder().name("Staging").slug(slug)
                .kind(EnvironmentKind.SANDBOX).defaultTimeoutSeconds(7200).idempotencyKey(key).build();

        Environment created = client.environments().create(request);
        assertThat(client.environments().create(request).id()).isEqualTo(created.id());

        assertThat(created.slug()).isEqualTo(slug);
        assertThat(created.kind()).isEqualTo(EnvironmentKind.SANDBOX);
        assertThat(created.defaultTimeoutSeconds()).isEqualTo(7200);
        assertThat(created.rateLimitRpm()).isEqualTo(600);
        assertThat(created.platformId()).isEqualTo(platform.platformId().toString());
        assertThat(created.isActive()).isTrue();
        assertThat(created.apiVersion()).isNotBlank();

        assertThat(client.environments().get(created.id())).isEqualTo(created);
        assertThat(client.environments().list().items()).extracting(Environment::id)
                .contains(created.id(), platform.environmentId().toString());

        Environment updated = client.environments().update(created.id(), UpdateEnvironmentRequest.builder()
                .name("Staging 2").rateLimitRpm(120).build());
        assertThat(updated.name()).isEqualTo("Staging 2");
        assertThat(updated.rateLimitRpm()).isEqualTo(120);

        assertThat(client.environments().deactivate(created.id()).isActive()).isFalse();
        assertThat(client.environments().reactivate(created.id()).isActive()).isTrue();
    }

    @Test
    void environmentErrorsMapToTheirExceptions() {
        String slug = slug();
        client.environments().create(CreateEnvironmentRequest.builder().name("A").slug(slug)
                .kind(EnvironmentKind.SANDBOX).build());

        assertThatThrownBy(() -> client.environments().create(CreateEnvironmentRequest.builder().name("B")
                .slug(slug).kind(EnvironmentKind.SANDBOX).build()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("environment_slug_taken"));
        assertThatThrownBy(() -> client.environments().deactivate(platform.environmentId().toString()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("cannot_deactivate_own_environment"));
        assertThatThrownBy(() -> client.environments().get(UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("environment_not_found"));
        assertThatThrownBy(() -> client.environments().create(CreateEnvironmentRequest.builder().name("C")
                .slug("Not A Slug!").kind(EnvironmentKind.SANDBOX).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).isNotEmpty());
    }

    @Test
    void aSessionTokenWorksUntilItIsRevoked() throws Exception {
        Session session = client.sessions().create();

        assertThat(session.accessToken()).isNotBlank();
        assertThat(session.tokenType()).isEqualTo("Bearer");
        assertThat(session.expiresIn()).isEqualTo(3600L);
        assertThat(session.scopes()).containsExactlyInAnyOrder("instructions:read", "instructions:write");
        assertThat(session.environmentId()).isEqualTo(platform.environmentId().toString());
        assertThat(client.sessions().get(session.id()).accessToken()).isNull();
        assertThat(client.sessions().list().items()).extracting(Session::id).contains(session.id());
        assertThat(instructionsWith(session.accessToken())).isEqualTo(200);

        client.sessions().revoke(session.id());

        assertThat(client.sessions().get(session.id()).revokedAt()).isNotNull();
        assertThat(instructionsWith(session.accessToken())).isEqualTo(401);
    }

    @Test
    void sessionsAreLimitedToScopesTheCallerHolds() {
        Session restricted = client.sessions().create(CreateSessionRequest.builder().scope("instructions:read")
                .expiresInSeconds(120).settlementId(UUID.randomUUID().toString()).build());
        assertThat(restricted.scopes()).containsExactly("instructions:read");
        assertThat(restricted.settlementIds()).hasSize(1);

        KeystoneSyncClient narrow = sync(newPlatform(Set.of(Scopes.SETTLEMENTS_READ, Scopes.INSTRUCTIONS_READ,
                Scopes.INSTRUCTIONS_WRITE)));
        assertThatThrownBy(() -> narrow.sessions().create(CreateSessionRequest.builder()
                .scope("platform:webhooks:manage").build()))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> assertThat(e.code()).isEqualTo("scope_not_held"));
        assertThatThrownBy(() -> client.sessions().get(UUID.randomUUID().toString()))
                .isInstanceOf(NotFoundException.class);
    }

    private int instructionsWith(String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/instructions"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
