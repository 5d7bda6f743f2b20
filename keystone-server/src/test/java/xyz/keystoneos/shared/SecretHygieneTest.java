package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/** Nothing the server writes to its log or answers contains a client secret or a token. */
@ExtendWith(OutputCaptureExtension.class)
class SecretHygieneTest extends IntegrationTest {

    @Test
    void secretsAndTokensNeverReachTheLogOrErrorBodies(CapturedOutput output) {
        TestPlatform platform = newPlatform();
        String token = tokenFor(platform);
        ApiResponse wrong = api.tokenJson(Map.of("grant_type", "client_credentials",
                "client_id", platform.clientId(), "client_secret", platform.clientSecret() + "x"));
        ApiResponse garbled = api.tokenJson(Map.of("grant_type", "client_credentials",
                "client_id", platform.clientId(), "client_secret", platform.clientSecret(), "audience", "nope"));
        api.get("/v1/ping", token + "tampered");
        api.get("/v1/ping", token);

        assertThat(output.getAll()).doesNotContain(platform.clientSecret()).doesNotContain(token);
        assertThat(wrong.rawBody()).doesNotContain(platform.clientSecret());
        assertThat(garbled.rawBody()).doesNotContain(platform.clientSecret());
        assertThat(platform.client().toString()).doesNotContain(platform.clientSecret());
    }
}
