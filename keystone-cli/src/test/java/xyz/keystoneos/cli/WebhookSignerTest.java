package xyz.keystoneos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.sdk.WebhookVerificationException;
import xyz.keystoneos.sdk.Webhooks;

/** The CLI's signatures are what the SDK (and so any KeyStone receiver) verifies. */
class WebhookSignerTest {

    private static final byte[] BODY = "{\"id\":\"evt_1\",\"event\":\"settlement.state.finalized\",\"data\":{}}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void signedHeadersPassTheSdksVerification() {
        String secret = WebhookSigner.newSecret();
        long now = Instant.now().getEpochSecond();
        Map<String, String> headers = new WebhookSigner(secret).headers("evt_1", "dlv_1", now, BODY);

        Webhooks.verify(BODY, headers, secret);
        assertThat(Webhooks.verifySignature(BODY, headers.get("X-Keystone-Signature"), secret)).isTrue();
        assertThat(headers).containsEntry("webhook-id", "evt_1").containsEntry("X-Keystone-Event-Id", "evt_1")
                .containsEntry("X-Keystone-Delivery-Id", "dlv_1")
                .containsEntry("webhook-timestamp", Long.toString(now))
                .containsEntry("X-Keystone-Timestamp", Long.toString(now));
        assertThat(headers.get("X-Keystone-Signature")).matches("[0-9a-f]{64}");
        assertThat(headers.get("webhook-signature")).startsWith("v1,");
    }

    @Test
    void aModifiedBodyAnotherSecretOrAStaleTimestampFail() {
        String secret = WebhookSigner.newSecret();
        long now = Instant.now().getEpochSecond();
        Map<String, String> headers = new WebhookSigner(secret).headers("evt_1", "dlv_1", now, BODY);
        byte[] modified = "{\"id\":\"evt_1\",\"event\":\"settlement.state.rolled_back\",\"data\":{}}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Webhooks.verify(modified, headers, secret))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> Webhooks.verify(BODY, headers, WebhookSigner.newSecret()))
                .isInstanceOf(WebhookVerificationException.class);
        Map<String, String> stale = new WebhookSigner(secret).headers("evt_1", "dlv_1", now - 600, BODY);
        assertThatThrownBy(() -> Webhooks.verify(BODY, stale, secret))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("too old");
        // the hex signature alone does not pass when only the Standard Webhooks one was forged
        Map<String, String> mixed = new HashMap<>(headers);
        mixed.put("X-Keystone-Signature", new WebhookSigner(WebhookSigner.newSecret())
                .headers("evt_1", "dlv_1", now, BODY).get("X-Keystone-Signature"));
        assertThatThrownBy(() -> Webhooks.verify(BODY, mixed, secret))
                .isInstanceOf(WebhookVerificationException.class).hasMessageContaining("X-Keystone-Signature");
    }

    @Test
    void theStandardWebhooksReferenceVectorIsReproduced() {
        // the test vector of the Standard Webhooks specification's reference libraries
        Map<String, String> headers = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .headers("msg_p5jXN8AQM9LWM0D4loKWxJek", "d", 1614265330L,
                        "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(headers.get("webhook-signature")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void secretsAreCheckedAndNewOnesAre32Bytes() {
        String secret = WebhookSigner.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSigner.newSecret()).isNotEqualTo(secret);
        assertThatThrownBy(() -> new WebhookSigner("nope")).isInstanceOfSatisfying(CliException.class,
                e -> assertThat(e.exitCode()).isEqualTo(2));
        assertThatThrownBy(() -> new WebhookSigner("whsec_***")).isInstanceOf(CliException.class);
        assertThatThrownBy(() -> new WebhookSigner("whsec_")).isInstanceOf(CliException.class);
    }

    @Test
    void eventPatternsMatchLikeEndpointSubscriptions() {
        EventPatterns patterns = new EventPatterns(java.util.List.of("settlement.state.*", "instruction.matched"));
        assertThat(patterns.matches("settlement.state.finalized")).isTrue();
        assertThat(patterns.matches("settlement.compliance.flagged")).isFalse();
        assertThat(patterns.matches("instruction.matched")).isTrue();
        assertThat(patterns.matches("instruction.expired")).isFalse();
        assertThat(new EventPatterns(java.util.List.of()).matches("anything.at.all")).isTrue();
        assertThat(new EventPatterns(java.util.List.of("settlement.*")).matches("settlement.compliance.flagged"))
                .isTrue();
        assertThatThrownBy(() -> new EventPatterns(java.util.List.of("settle*"))).isInstanceOf(CliException.class);
    }
}
