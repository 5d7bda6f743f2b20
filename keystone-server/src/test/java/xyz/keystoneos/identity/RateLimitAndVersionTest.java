package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/** Per-environment rate limits and the {@code Keystone-Version} header, over HTTP. */
class RateLimitAndVersionTest extends IntegrationTest {

    private TestPlatform platform;
    private String token;

    @BeforeEach
    void platform() {
        platform = newPlatform();
        token = tokenFor(platform);
    }

    @Test
    void everyAnswerCarriesTheBudgetAndTheLimitAnswers429WithRetryAfter() {
        ApiResponse lowered = api.patch("/v1/platforms/me/environments/" + platform.environmentId(), token,
                "{\"rate_limit_rpm\": 5}");
        assertThat(lowered.status()).isEqualTo(200);

        long before = Instant.now().getEpochSecond();
        for (int i = 0; i < 5; i++) {
            ApiResponse ok = api.get("/v1/platforms/me", token);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("5");
            assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
            assertThat(Long.parseLong(ok.header("X-RateLimit-Reset"))).isBetween(before, before + 61);
        }
        ApiResponse limited = api.get("/v1/platforms/me", token);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 13L);
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(api.get("/v1/platforms/me", tokenFor(newPlatform())).status())
                .as("another environment has its own budget").isEqualTo(200);
    }

    @Test
    void theAnswerEchoesTheEnvironmentsPinnedVersion() {
        ApiResponse answer = api.get("/v1/platforms/me", token);

        assertThat(answer.header("Keystone-Version")).isEqualTo(PlatformOnboarding.CURRENT_API_VERSION);
    }

    @Test
    void aKnownRequestedVersionIsEchoedAndAnUnknownOneIsRefused() {
        ApiResponse known = api.send(HttpRequest.newBuilder(api.uri("/v1/platforms/me"))
                .header("Authorization", "Bearer " + token)
                .header("Keystone-Version", PlatformOnboarding.CURRENT_API_VERSION).GET());
        ApiResponse unknown = api.send(HttpRequest.newBuilder(api.uri("/v1/platforms/me"))
                .header("Authorization", "Bearer " + token).header("Keystone-Version", "2020-01-01").GET());

        assertThat(known.status()).isEqualTo(200);
        assertThat(known.header("Keystone-Version")).isEqualTo(PlatformOnboarding.CURRENT_API_VERSION);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.code()).isEqualTo("unknown_api_version");
    }
}
