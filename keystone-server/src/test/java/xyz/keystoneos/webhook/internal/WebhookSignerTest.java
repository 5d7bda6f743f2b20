package xyz.keystoneos.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    /** The published Standard Webhooks test vector: a receiver's stock library must accept what we send. */
    @Test
    void standardSignatureReproducesThePublishedTestVector() {
        String signature = WebhookSigner.standardSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void keystoneSignatureIsLowercaseHexHmacOfTheRawBody() {
        String signature = WebhookSigner.keystoneSignature("secret", "hello".getBytes(StandardCharsets.UTF_8));

        // HMAC-SHA256(key="secret", "hello")
        assertThat(signature).isEqualTo("88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b");
    }

    @Test
    void duringRotationBothSecretsSign() {
        String current = WebhookSigner.newSecret();
        String previous = WebhookSigner.newSecret();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        Map<String, String> headers = WebhookSigner.headers(body, "evt_1", UUID.randomUUID(), 1700000000, current,
                previous);

        assertThat(headers.get("X-Keystone-Signature")).isEqualTo(WebhookSigner.keystoneSignature(current, body));
        assertThat(headers.get("X-Keystone-Signature-Previous"))
                .isEqualTo(WebhookSigner.keystoneSignature(previous, body));
        assertThat(headers.get("webhook-signature").split(" ")).containsExactly(
                WebhookSigner.standardSignature(current, "evt_1", 1700000000, body),
                WebhookSigner.standardSignature(previous, "evt_1", 1700000000, body));
    }

    @Test
    void withoutRotationOneSignatureOfEachKind() {
        Map<String, String> headers = WebhookSigner.headers(new byte[0], "evt_2", UUID.randomUUID(), 1, 
                WebhookSigner.newSecret(), null);

        assertThat(headers).doesNotContainKey("X-Keystone-Signature-Previous");
        assertThat(headers.get("webhook-signature")).doesNotContain(" ");
        assertThat(headers.get("webhook-id")).isEqualTo("evt_2");
        assertThat(headers.get("X-Keystone-Event-Id")).isEqualTo("evt_2");
    }

    @Test
    void newSecretsAreWellFormedAndClientSecretsAreChecked() {
        assertThat(WebhookSigner.isWellFormed(WebhookSigner.newSecret())).isTrue();
        assertThat(WebhookSigner.isWellFormed("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isTrue();
        assertThat(WebhookSigner.isWellFormed("hunter2")).isFalse();
        assertThat(WebhookSigner.isWellFormed("whsec_***")).isFalse();
        assertThat(WebhookSigner.isWellFormed("whsec_c2hvcnQ=")).isFalse();
    }
}
