package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/** {@code /v1/platforms/me/environments} and the M2M clients of an environment, over HTTP. */
class EnvironmentApiTest extends IntegrationTest {

    private static final String ENVIRONMENTS = "/v1/platforms/me/environments";

    private TestPlatform platform;
    private String token;

    @BeforeEach
    void platform() {
        platform = newPlatform();
        token = tokenFor(platform);
    }

    private String slug() {
        return "env-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ApiResponse create(String slug, String kind) {
        return api.post(ENVIRONMENTS, token, "{\"name\": \"Staging\", \"slug\": \"" + slug + "\", \"kind\": \"" + kind
                + "\", \"rate_limit_rpm\": 1200}");
    }

    @Test
    void createsAnEnvironmentPinnedToTheCurrentApiVersionWithDefaults() {
        ApiResponse created = create(slug(), "production");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("kind")).isEqualTo("production");
        assertThat(created.text("api_version")).isEqualTo(PlatformOnboarding.CURRENT_API_VERSION);
        assertThat(created.body().get("default_timeout_seconds").asInt()).isEqualTo(3600);
        assertThat(created.body().get("rate_limit_rpm").asInt()).isEqualTo(1200);
        assertThat(created.body().get("is_active").asBoolean()).isTrue();
        assertThat(created.text("platform_id")).isEqualTo(platform.platformId().toString());

        ApiResponse list = api.get(ENVIRONMENTS, token);
        assertThat(list.body().get("total").asInt()).isEqualTo(2);
        assertThat(list.body().get("items").get(0).get("slug").asString()).isEqualTo("development");
        assertThat(api.get(ENVIRONMENTS + "/" + created.text("id"), token).text("name")).isEqualTo("Staging");
    }

    @Test
    void refusesInvalidFieldsAndATakenSlug() {
        ApiResponse invalid = api.post(ENVIRONMENTS, token, "{\"name\": \"\", \"slug\": \"Bad Slug\", \"kind\": \"test\","
                + " \"default_timeout_seconds\": 10, \"rate_limit_rpm\": 0, \"webhook_url\": \"ftp://x\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("errors").toString()).contains("name").contains("slug").contains("kind")
                .contains("default_timeout_seconds").contains("rate_limit_rpm").contains("webhook_url");

        ApiResponse taken = create("development", "sandbox");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("environment_slug_taken");
    }

    @Test
    void createWithTheSameIdempotencyKeyReturnsTheSameEnvironment() {
        String body = "{\"name\": \"Prod\", \"slug\": \"" + slug() + "\", \"kind\": \"production\"}";
        ApiResponse first = api.post(ENVIRONMENTS, token, body, "Idempotency-Key", "env-key-1");
        ApiResponse again = api.post(ENVIRONMENTS, token, body, "Idempotency-Key", "env-key-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndChecksThem() {
        String id = create(slug(), "sandbox").text("id");

        ApiResponse patched = api.patch(ENVIRONMENTS + "/" + id, token,
                "{\"default_timeout_seconds\": 7200, \"webhook_url\": \"https://example.com/hooks\"}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.body().get("default_timeout_seconds").asInt()).isEqualTo(7200);
        assertThat(patched.text("webhook_url")).isEqualTo("https://example.com/hooks");
        assertThat(patched.text("name")).isEqualTo("Staging");

        ApiResponse bad = api.patch(ENVIRONMENTS + "/" + id, token, "{\"api_version\": \"1999-01-01\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").get(0).get("field").asString()).isEqualTo("api_version");
    }

    @Test
    void deactivatingAnEnvironmentRefusesItsCredentialsUntilReactivated() {
        JsonNode other = create(slug(), "sandbox").body();
        String otherId = other.get("id").asString();
        ClientCredentials otherClient = onboarding.createClient(platform.platformId(), UUID.fromString(otherId),
                "other", Set.of(Scopes.PLATFORM_READ));
        String otherToken = api.token(otherClient.clientId(), otherClient.clientSecret());

        ApiResponse deactivated = api.post(ENVIRONMENTS + "/" + otherId + "/deactivate", token, "");
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.body().get("is_active").asBoolean()).isFalse();
        assertThat(api.get("/v1/platforms/me", otherToken).code()).isEqualTo("environment_inactive");
        assertThat(api.tokenJson(java.util.Map.of("grant_type", "client_credentials", "client_id",
                otherClient.clientId(), "client_secret", otherClient.clientSecret())).status()).isEqualTo(401);

        assertThat(api.post(ENVIRONMENTS + "/" + otherId + "/reactivate", token, "").status()).isEqualTo(200);
        assertThat(api.get("/v1/platforms/me", otherToken).status()).isEqualTo(200);
    }

    @Test
    void theCallersOwnEnvironmentCannotBeDeactivatedWithItsCredentials() {
        ApiResponse refused = api.post(ENVIRONMENTS + "/" + platform.environmentId() + "/deactivate", token, "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("cannot_deactivate_own_environment");
    }

    @Test
    void readingNeedsPlatformReadAndChangingNeedsEnvironmentsManage() {
        TestPlatform reader = newPlatform(Set.of(Scopes.PLATFORM_READ));
        String readerToken = tokenFor(reader);

        assertThat(api.get(ENVIRONMENTS, readerToken).status()).isEqualTo(200);
        ApiResponse refused = api.post(ENVIRONMENTS, readerToken,
                "{\"name\": \"x\", \"slug\": \"xx\", \"kind\": \"sandbox\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.rawBody()).contains(Scopes.ENVIRONMENTS_MANAGE);
    }

    @Test
    void anotherPlatformsEnvironmentIsNotFound() {
        TestPlatform stranger = newPlatform();

        ApiResponse hidden = api.get(ENVIRONMENTS + "/" + platform.environmentId(), tokenFor(stranger));

        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.code()).isEqualTo("environment_not_found");
    }

    @Test
    void aNewClientsSecretIsShownOnceAndWorks() {
        String clients = ENVIRONMENTS + "/" + platform.environmentId() + "/clients";
        ApiResponse created = api.post(clients, token, "{\"name\": \"reporting\", \"scopes\": [\"settlements:read\"]}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("client_secret")).startsWith("kss_");
        assertThat(created.body().get("scopes").toString()).isEqualTo("[\"settlements:read\"]");
        String newToken = api.token(created.text("client_id"), created.text("client_secret"));
        assertThat(api.get("/v1/settlements", newToken).status()).isEqualTo(200);

        ApiResponse list = api.get(clients, token);
        assertThat(list.body().get("total").asInt()).isEqualTo(2);
        assertThat(list.rawBody()).doesNotContain("client_secret").doesNotContain(created.text("client_secret"));
    }

    @Test
    void rotatingASecretRefusesTheOldSecretForNewTokensAtOnce() {
        String clients = ENVIRONMENTS + "/" + platform.environmentId() + "/clients";
        ApiResponse created = api.post(clients, token, "{\"name\": \"rotating\"}");
        String clientId = created.text("client_id");
        String oldSecret = created.text("client_secret");
        String issuedBefore = api.token(clientId, oldSecret);

        ApiResponse rotated = api.post(clients + "/" + clientId + "/rotate-secret", token, "");

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.text("client_secret")).isNotEqualTo(oldSecret);
        assertThat(rotated.text("secret_rotated_at")).isNotNull();
        assertThat(api.tokenJson(java.util.Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", oldSecret)).status()).isEqualTo(401);
        assertThat(api.token(clientId, rotated.text("client_secret"))).isNotBlank();
        assertThat(api.get("/v1/platforms/me", issuedBefore).status()).isEqualTo(200);
    }

    @Test
    void revokingAClientRefusesItsTokensAtOnce() {
        String clients = ENVIRONMENTS + "/" + platform.environmentId() + "/clients";
        ApiResponse created = api.post(clients, token, "{\"name\": \"leaked\"}");
        String clientId = created.text("client_id");
        String issued = api.token(clientId, created.text("client_secret"));

        assertThat(api.delete(clients + "/" + clientId, token).status()).isEqualTo(204);

        assertThat(api.get("/v1/platforms/me", issued).code()).isEqualTo("client_revoked");
        assertThat(api.tokenJson(java.util.Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", created.text("client_secret"))).status()).isEqualTo(401);
        assertThat(api.delete(clients + "/" + clientId, token).status()).isEqualTo(204);
        assertThat(api.post(clients + "/" + clientId + "/rotate-secret", token, "").code()).isEqualTo("client_revoked");
    }
}
