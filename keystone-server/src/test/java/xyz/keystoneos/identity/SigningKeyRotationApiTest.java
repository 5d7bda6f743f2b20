package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/** Operators rotate the issuer's signing key through the admin API; tokens signed before keep working. */
class SigningKeyRotationApiTest extends IntegrationTest {

    private static String kid(String jwt) {
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]))
                .get("kid").asString();
    }

    @Test
    void rotationSignsNewTokensWithANewKeyAndKeepsOldTokensValid() {
        ClientCredentials operator = newOperatorClient();
        String operatorToken = api.token(operator.clientId(), operator.clientSecret());
        TestPlatform platform = newPlatform();
        String before = tokenFor(platform);

        ApiResponse rotated = api.post("/v1/admin/signing-keys/rotate", operatorToken, "");

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String signing = rotated.body().get("items").get(0).get("kid").asString();
        assertThat(rotated.body().get("items").get(0).get("signing").asBoolean()).isTrue();
        assertThat(rotated.rawBody()).doesNotContain("private").doesNotContain("\"n\"");
        String after = tokenFor(platform);
        assertThat(kid(after)).isEqualTo(signing).isNotEqualTo(kid(before));
        assertThat(api.get("/v1/platforms/me", before).status()).isEqualTo(200);
        assertThat(api.get("/v1/platforms/me", after).status()).isEqualTo(200);
        assertThat(api.get("/.well-known/jwks.json", null).rawBody()).contains(kid(before)).contains(signing);
    }

    @Test
    void onlyOperatorsRotate() {
        ApiResponse refused = api.post("/v1/admin/signing-keys/rotate", tokenFor(newPlatform()), "");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.rawBody()).contains("admin");
    }
}
