package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import xyz.keystoneos.identity.internal.SigningKeys;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

class AccessTokenValidationTest extends IntegrationTest {

    @Autowired
    SigningKeys signingKeys;

    @Test
    void validTokenReachesTheApi() {
        TestPlatform platform = newPlatform();

        ApiResponse response = api.get("/v1/ping", tokenFor(platform));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("platform_id")).isEqualTo(platform.platformId().toString());
        assertThat(response.text("environment_id")).isEqualTo(platform.environmentId().toString());
        assertThat(response.text("environment_kind")).isEqualTo("sandbox");
        assertThat(response.body().get("scopes").toString()).contains("settlements:read");
    }

    @Test
    void missingTokenIsUnauthorized() {
        ApiResponse response = api.get("/v1/ping", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("missing_token");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void malformedTokenIsUnauthorized() {
        ApiResponse response = api.get("/v1/ping", "not-a-jwt");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("invalid_token");
        assertThat(response.rawBody()).doesNotContain("not-a-jwt");
    }

    @Test
    void expiredTokenIsUnauthorized() {
        TestPlatform platform = newPlatform();
        Instant issued = Instant.now().minus(Duration.ofHours(25));
        String token = sign(ourKeys(), claims(platform, issued, issued.plus(Duration.ofHours(24)),
                "https://api.keystoneos.xyz"), signingKeys.signingKeyId());

        ApiResponse response = api.get("/v1/ping", token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("token_expired");
    }

    @Test
    void tokenSignedWithAnotherKeyIsUnauthorized() throws Exception {
        TestPlatform platform = newPlatform();
        RSAKey forged = new RSAKeyGenerator(2048).keyID(signingKeys.signingKeyId()).generate();
        Instant now = Instant.now();
        String token = sign(new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(forged))),
                claims(platform, now, now.plus(Duration.ofHours(1)), "https://api.keystoneos.xyz"),
                signingKeys.signingKeyId());

        ApiResponse response = api.get("/v1/ping", token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("invalid_token");
    }

    @Test
    void tokenForAnotherAudienceIsUnauthorized() {
        TestPlatform platform = newPlatform();
        Instant now = Instant.now();
        String token = sign(ourKeys(), claims(platform, now, now.plus(Duration.ofHours(1)),
                "https://other.example.com"), signingKeys.signingKeyId());

        ApiResponse response = api.get("/v1/ping", token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("invalid_audience");
    }

    @Test
    void revokingTheClientStopsItsExistingTokens() {
        TestPlatform platform = newPlatform();
        String token = tokenFor(platform);
        onboarding.revokeClient(platform.clientId());

        ApiResponse response = api.get("/v1/ping", token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("client_revoked");
    }

    @Test
    void suspendingThePlatformForbidsEveryCall() {
        TestPlatform platform = newPlatform();
        String token = tokenFor(platform);
        onboarding.suspendPlatform(platform.platformId());

        ApiResponse response = api.get("/v1/platforms/me", token);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("platform_suspended");
    }

    @Test
    void deactivatingTheEnvironmentRejectsItsTokens() {
        TestPlatform platform = newPlatform();
        String token = tokenFor(platform);
        onboarding.setEnvironmentActive(platform.environmentId(), false);

        ApiResponse response = api.get("/v1/ping", token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("environment_inactive");

        onboarding.setEnvironmentActive(platform.environmentId(), true);
        assertThat(api.get("/v1/ping", token).status()).isEqualTo(200);
    }

    private NimbusJwtEncoder ourKeys() {
        return new NimbusJwtEncoder(signingKeys);
    }

    private static JwtClaimsSet claims(TestPlatform platform, Instant issued, Instant expires, String audience) {
        return JwtClaimsSet.builder()
                .subject(platform.clientId())
                .audience(List.of(audience))
                .issuedAt(issued)
                .expiresAt(expires)
                .claim("scope", "settlements:read platform:read")
                .claim("platform_id", platform.platformId().toString())
                .claim("environment_id", platform.environmentId().toString())
                .build();
    }

    private static String sign(NimbusJwtEncoder encoder, JwtClaimsSet claims, String kid) {
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(kid).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

}
