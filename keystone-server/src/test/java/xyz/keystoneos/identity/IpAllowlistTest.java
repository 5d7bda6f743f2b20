package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/**
 * The IP allowlist of an environment, over HTTP from 127.0.0.1: the first entry restricts at once, removing the
 * last lifts the restriction, and a caller cannot shut out its own address.
 */
class IpAllowlistTest extends IntegrationTest {

    private TestPlatform platform;
    private String token;
    private String adminToken;
    private String allowlist;

    @BeforeEach
    void platformWithASecondEnvironment() {
        platform = newPlatform();
        token = tokenFor(platform);
        String admin = api.post("/v1/platforms/me/environments", token,
                "{\"name\": \"Admin\", \"slug\": \"admin-" + UUID.randomUUID().toString().substring(0, 6)
                        + "\", \"kind\": \"sandbox\"}").text("id");
        ClientCredentials adminClient = onboarding.createClient(platform.platformId(), UUID.fromString(admin),
                "admin", Scopes.PLATFORM);
        adminToken = api.token(adminClient.clientId(), adminClient.clientSecret());
        allowlist = "/v1/platforms/me/environments/" + platform.environmentId() + "/ip-allowlist";
    }

    @Test
    void theFirstEntryRestrictsAtOnceAndRemovingTheLastLiftsIt() {
        assertThat(api.get("/v1/platforms/me", token).status()).isEqualTo(200);

        ApiResponse added = api.post(allowlist, adminToken,
                "{\"cidr\": \"203.0.113.0/24\", \"description\": \"office\"}");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.text("cidr")).isEqualTo("203.0.113.0/24");

        ApiResponse denied = api.get("/v1/platforms/me", token);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("ip_not_allowed");
        assertThat(api.post("/v1/sessions", token, "{}").code()).isEqualTo("ip_not_allowed");

        assertThat(api.post(allowlist, adminToken, "{\"cidr\": \"127.0.0.1\"}").status()).isEqualTo(201);
        assertThat(api.get("/v1/platforms/me", token).status()).isEqualTo(200);

        ApiResponse entries = api.get(allowlist, adminToken);
        assertThat(entries.body().get("total").asInt()).isEqualTo(2);
        for (var entry : entries.body().get("items")) {
            assertThat(api.delete(allowlist + "/" + entry.get("id").asString(), adminToken).status()).isEqualTo(204);
        }
        assertThat(api.get("/v1/platforms/me", token).status()).isEqualTo(200);
    }

    @Test
    void sessionTokensAreBoundByTheAllowlistToo() {
        String session = api.post("/v1/sessions", token, "{}").text("access_token");

        api.post(allowlist, adminToken, "{\"cidr\": \"2001:db8::/32\"}");

        assertThat(api.get("/v1/instructions", session).code()).isEqualTo("ip_not_allowed");
    }

    @Test
    void entriesAreIpv4OrIpv6AddressesOrCidrBlocksInCanonicalForm() {
        ApiResponse v6 = api.post(allowlist, adminToken, "{\"cidr\": \"2001:DB8:0:0:0:0:0:1/48\"}");
        assertThat(v6.status()).isEqualTo(201);
        assertThat(v6.text("cidr")).isEqualTo("2001:db8:0:0:0:0:0:0/48");
        ApiResponse single = api.post(allowlist, adminToken, "{\"cidr\": \"10.1.2.3\"}");
        assertThat(single.text("cidr")).isEqualTo("10.1.2.3/32");

        for (String bad : new String[] {"example.com", "10.0.0.0/33", "300.1.1.1", "10.0.0", "::1/129", ""}) {
            ApiResponse refused = api.post(allowlist, adminToken, "{\"cidr\": \"" + bad + "\"}");
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("cidr");
        }
        assertThat(api.post(allowlist, adminToken, "{\"cidr\": \"10.1.2.3/32\"}").code())
                .isEqualTo("ip_allowlist_entry_exists");
    }

    @Test
    void aCallerCannotShutOutItsOwnAddress() {
        ApiResponse refused = api.post(allowlist, token, "{\"cidr\": \"198.51.100.0/24\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("would_lock_out_caller");
        assertThat(api.post(allowlist, token, "{\"cidr\": \"127.0.0.0/8\"}").status()).isEqualTo(201);
        assertThat(api.get("/v1/platforms/me", token).status()).isEqualTo(200);
    }

    @Test
    void aForwardedForHeaderIsIgnoredWithoutATrustedProxy() {
        api.post(allowlist, adminToken, "{\"cidr\": \"203.0.113.9\"}");

        ApiResponse spoofed = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/v1/platforms/me"))
                .header("Authorization", "Bearer " + token).header("X-Forwarded-For", "203.0.113.9").GET());

        assertThat(spoofed.code()).isEqualTo("ip_not_allowed");
    }

    @Test
    void readingTheAllowlistNeedsPlatformReadAndChangingItEnvironmentsManage() {
        TestPlatform reader = newPlatform(Set.of(Scopes.PLATFORM_READ));
        String readerList = "/v1/platforms/me/environments/" + reader.environmentId() + "/ip-allowlist";

        assertThat(api.get(readerList, tokenFor(reader)).status()).isEqualTo(200);
        assertThat(api.post(readerList, tokenFor(reader), "{\"cidr\": \"127.0.0.1\"}").status()).isEqualTo(403);
        assertThat(api.get(allowlist, tokenFor(reader)).code()).isEqualTo("environment_not_found");
    }
}
