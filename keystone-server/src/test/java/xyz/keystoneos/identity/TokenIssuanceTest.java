package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

class TokenIssuanceTest extends IntegrationTest {

    private static final String AUDIENCE = "https://api.keystoneos.xyz";

    private Map<String, String> credentials(TestPlatform platform) {
        return Map.of("grant_type", "client_credentials", "client_id", platform.clientId(),
                "client_secret", platform.clientSecret(), "audience", AUDIENCE);
    }

    @Test
    void auth0StyleJsonBodyGetsA24HourBearerToken() {
        TestPlatform platform = newPlatform();

        ApiResponse response = api.tokenJson(credentials(platform));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("token_type")).isEqualTo("Bearer");
        assertThat(response.body().get("expires_in").asLong()).isEqualTo(86400);
        assertThat(response.text("scope").split(" ")).containsExactlyInAnyOrderElementsOf(Scopes.PLATFORM);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void standardFormBodyGetsAToken() {
        ApiResponse response = api.tokenForm(credentials(newPlatform()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("access_token")).isNotBlank();
    }

    @Test
    void httpBasicClientAuthenticationGetsAToken() {
        TestPlatform platform = newPlatform();
        String basic = Base64.getEncoder().encodeToString((platform.clientId() + ":" + platform.clientSecret())
                .getBytes(StandardCharsets.UTF_8));

        ApiResponse response = api.send(HttpRequest.newBuilder(api.uri("/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void tokenCarriesStandardClaimsAndTheTenant() {
        TestPlatform platform = newPlatform();

        JsonNode claims = claimsOf(api.token(platform.clientId(), platform.clientSecret()));

        assertThat(claims.get("sub").asString()).isEqualTo(platform.clientId());
        assertThat(claims.get("aud").isArray() ? claims.get("aud").get(0).asString() : claims.get("aud").asString())
                .isEqualTo(AUDIENCE);
        assertThat(claims.get("iss").asString()).startsWith("http://localhost:" + port);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(86400);
        assertThat(claims.get("jti").asString()).isNotBlank();
        assertThat(claims.get("platform_id").asString()).isEqualTo(platform.platformId().toString());
        assertThat(claims.get("environment_id").asString()).isEqualTo(platform.environmentId().toString());
        assertThat(claims.get("scope").asString()).contains("settlements:read");
    }

    @Test
    void requestedScopesNarrowTheToken() {
        TestPlatform platform = newPlatform();
        Map<String, String> request = new java.util.HashMap<>(credentials(platform));
        request.put("scope", "templates:read");

        ApiResponse response = api.tokenJson(request);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("scope")).isEqualTo("templates:read");
    }

    @Test
    void scopeTheClientDoesNotHoldIsRefused() {
        TestPlatform platform = newPlatform(Set.of(Scopes.TEMPLATES_READ));
        Map<String, String> request = new java.util.HashMap<>(credentials(platform));
        request.put("scope", "settlements:write");

        ApiResponse response = api.tokenJson(request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid_scope");
        assertThat(response.text("error")).isEqualTo("invalid_scope");
    }

    @Test
    void wrongSecretAndUnknownClientGetTheSameAnswer() {
        TestPlatform platform = newPlatform();
        Map<String, String> wrongSecret = new java.util.HashMap<>(credentials(platform));
        wrongSecret.put("client_secret", "kss_wrong");
        Map<String, String> unknownClient = new java.util.HashMap<>(credentials(platform));
        unknownClient.put("client_id", "ksc_doesnotexist");

        ApiResponse wrong = api.tokenJson(wrongSecret);
        ApiResponse unknown = api.tokenJson(unknownClient);

        for (ApiResponse response : new ApiResponse[] {wrong, unknown}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("invalid_client");
            assertThat(response.text("error")).isEqualTo("invalid_client");
            assertThat(response.text("request_id")).isEqualTo(response.header("X-Request-Id"));
        }
        assertThat(wrong.text("detail")).isEqualTo(unknown.text("detail"));
    }

    @Test
    void wrongAudienceIsRefused() {
        Map<String, String> request = new java.util.HashMap<>(credentials(newPlatform()));
        request.put("audience", "https://api.example.com");

        ApiResponse response = api.tokenJson(request);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("invalid_audience");
        assertThat(response.text("error")).isEqualTo("access_denied");
    }

    @Test
    void missingAudienceMeansTheApiAudience() {
        Map<String, String> request = new java.util.HashMap<>(credentials(newPlatform()));
        request.remove("audience");

        ApiResponse response = api.tokenJson(request);

        assertThat(response.status()).isEqualTo(200);
        assertThat(claimsOf(response.text("access_token")).toString()).contains(AUDIENCE);
    }

    @Test
    void unsupportedGrantTypeIsRefused() {
        Map<String, String> request = new java.util.HashMap<>(credentials(newPlatform()));
        request.put("grant_type", "password");

        ApiResponse response = api.tokenJson(request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isIn("unsupported_grant_type", "unauthorized_client");
    }

    @Test
    void missingGrantTypeIsRefused() {
        Map<String, String> request = new java.util.HashMap<>(credentials(newPlatform()));
        request.remove("grant_type");

        ApiResponse response = api.tokenJson(request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid_request");
    }

    @Test
    void garbageJsonIsABadRequest() {
        ApiResponse response = api.send(HttpRequest.newBuilder(api.uri("/oauth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\": ")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid_request");
    }

    @Test
    void nonStringJsonValuesAreABadRequest() {
        ApiResponse response = api.send(HttpRequest.newBuilder(api.uri("/oauth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\": 5, \"grant_type\": \"client_credentials\"}")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("detail")).contains("client_id");
    }

    @Test
    void otherContentTypesAreUnsupported() {
        ApiResponse response = api.send(HttpRequest.newBuilder(api.uri("/oauth/token"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.code()).isEqualTo("unsupported_media_type");
    }

    @Test
    void revokedClientCannotGetATokenAnyMore() {
        TestPlatform platform = newPlatform();
        onboarding.revokeClient(platform.clientId());

        ApiResponse response = api.tokenJson(credentials(platform));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("invalid_client");
    }

    @Test
    void suspendedPlatformGetsNoToken() {
        TestPlatform platform = newPlatform();
        onboarding.suspendPlatform(platform.platformId());

        ApiResponse response = api.tokenJson(credentials(platform));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("platform_suspended");
    }

    @Test
    void inactiveEnvironmentGetsNoToken() {
        TestPlatform platform = newPlatform();
        onboarding.setEnvironmentActive(platform.environmentId(), false);

        ApiResponse response = api.tokenJson(credentials(platform));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("environment_inactive");
    }

    static JsonNode claimsOf(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(payload));
    }
}
