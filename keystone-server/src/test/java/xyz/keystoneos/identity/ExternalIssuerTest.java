package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/**
 * The API trusts an external OIDC issuer's user tokens by configuration (SPEC §3): here a stand-in issuer that
 * publishes its JWKS over HTTP and signs tokens the way Auth0 does ({@code email}, {@code org_id},
 * {@code permissions}).
 */
class ExternalIssuerTest extends IntegrationTest {

    private static final String ISSUER = "https://tenant.example-idp.test/";
    private static final RSAKey KEY = generate("external-1");
    private static final HttpServer JWKS = serve(new JWKSet(KEY.toPublicJWK()).toString());

    @DynamicPropertySource
    static void externalIssuer(DynamicPropertyRegistry registry) {
        registry.add("keystone.auth.external.issuer", () -> ISSUER);
        registry.add("keystone.auth.external.jwks-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    @Autowired
    private PlatformMembers platformMembers;

    private TestPlatform platform;
    private String email;

    @BeforeEach
    void member() {
        platform = newPlatform();
        email = "ext-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        platformMembers.addMember(platform.platformId(), email, "External Person", "a long enough password",
                "platform_manager");
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer serve(String jwks) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(RSAKey key, String email, String organisation, List<String> permissions) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("idp|" + UUID.randomUUID())
                    .audience("https://api.keystoneos.xyz").issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("email", email)
                    .claim("org_id", organisation).claim("permissions", permissions).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiResponse get(String path, String token) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + token)
                .header("X-Keystone-Environment", "development").GET());
    }

    @Test
    void aMembersTokenFromTheExternalIssuerWorksWithThePermissionsBothGrant() {
        String token = token(KEY, email, platform.slug(), List.of("settlements:read", "platform:read", "admin"));

        assertThat(get("/v1/settlements", token).status()).isEqualTo(200);
        assertThat(get("/v1/platforms/me", token).text("id")).isEqualTo(platform.platformId().toString());
        ApiResponse notGranted = get("/v1/platforms/me/webhooks", token);
        assertThat(notGranted.status()).as("the role allows it but the token does not").isEqualTo(403);
        assertThat(notGranted.code()).isEqualTo("insufficient_scope");
        assertThat(get("/v1/admin/settlements/pipeline", token).status())
                .as("a permission the role does not grant is ignored").isEqualTo(403);
    }

    @Test
    void theOrganisationMayBeThePlatformIdAndMustBeTheMembersOwn() {
        String byId = token(KEY, email, platform.platformId().toString(), List.of("settlements:read"));
        String foreign = token(KEY, email, newPlatform().slug(), List.of("settlements:read"));

        assertThat(get("/v1/settlements", byId).status()).isEqualTo(200);
        ApiResponse refused = get("/v1/settlements", foreign);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("organisation_mismatch");
    }

    @Test
    void someoneWhoIsNoMemberOrATokenWithAnotherKeyIsRefused() {
        ApiResponse stranger = get("/v1/settlements",
                token(KEY, "nobody@example.com", platform.slug(), List.of("settlements:read")));
        ApiResponse forged = get("/v1/settlements",
                token(generate("external-1"), email, platform.slug(), List.of("settlements:read")));

        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.code()).isEqualTo("unknown_member");
        assertThat(forged.status()).isEqualTo(401);
    }

    @Test
    void builtInTokensKeepWorkingBesideTheExternalIssuer() {
        assertThat(api.get("/v1/platforms/me", tokenFor(platform)).status()).isEqualTo(200);
    }
}
