package xyz.keystoneos.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WebhooksTest {

    // The published Standard Webhooks test vector.
    private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long VECTOR_TIMESTAMP = 1614265330L;
    private static final byte[] VECTOR_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant VECTOR_NOW = Instant.ofEpochSecond(VECTOR_TIMESTAMP);

    private static final String NEW_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final String OLD_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] BODY =
            "{\"id\":\"evt_1\",\"event\":\"settlement.state.finalized\",\"data\":{\"sequence\":6}}"
                    .getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-23T10:16:44Z");

    private static Map<String, String> vectorHeaders() {
        Map<String, String> headers = new HashMap<>();
        headers.put("webhook-id", VECTOR_ID);
        headers.put("webhook-timestamp", Long.toString(VECTOR_TIMESTAMP));
        headers.put("webhook-signature", VECTOR_SIGNATURE);
        return headers;
    }

    /** Headers as KeyStone sends them, computed independently of the code under test. */
    private static Map<String, String> keystoneHeaders(byte[] body, Instant sentAt, String... secrets) {
        String id = "evt_1";
        String timestamp = Long.toString(sentAt.getEpochSecond());
        StringBuilder standard = new StringBuilder();
        for (String secret : secrets) {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            byte[] signed = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            standard.append(standard.length() == 0 ? "" : " ")
                    .append("v1,").append(Base64.getEncoder().encodeToString(hmac(key, signed)));
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("Webhook-Id", id);
        headers.put("Webhook-Timestamp", timestamp);
        headers.put("Webhook-Signature", standard.toString());
        headers.put("x-keystone-signature", hex(secrets[0], body));
        if (secrets.length > 1) {
            headers.put("x-keystone-signature-previous", hex(secrets[1], body));
        }
        return headers;
    }

    private static String hex(String secret, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Nested
    class KeystoneHexSignature {

        private static final String HELLO_SIGNATURE =
                "88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b";

        @Test
        void acceptsTheKnownHmacOfHelloWithSecret() {
            assertThat(Webhooks.verifySignature("hello", HELLO_SIGNATURE, "secret")).isTrue();
            assertThat(Webhooks.verifySignature("hello".getBytes(StandardCharsets.UTF_8), HELLO_SIGNATURE, "secret"))
                    .isTrue();
        }

        @Test
        void acceptsUppercaseHexAndSurroundingWhitespace() {
            assertThat(Webhooks.verifySignature("hello", " " + HELLO_SIGNATURE.toUpperCase() + "\n", "secret"))
                    .isTrue();
        }

        @Test
        void refusesATamperedPayload() {
            assertThat(Webhooks.verifySignature("hello!", HELLO_SIGNATURE, "secret")).isFalse();
            assertThat(Webhooks.verifySignature("Hello", HELLO_SIGNATURE, "secret")).isFalse();
        }

        @Test
        void refusesTheWrongSecret() {
            assertThat(Webhooks.verifySignature("hello", HELLO_SIGNATURE, "secret2")).isFalse();
        }

        @Test
        void keysWithTheWholeSecretStringIncludingItsPrefix() {
            String signature = hex(NEW_SECRET, BODY);
            assertThat(Webhooks.verifySignature(BODY, signature, NEW_SECRET)).isTrue();
            assertThat(Webhooks.verifySignature(BODY, signature, NEW_SECRET.substring("whsec_".length()))).isFalse();
        }

        @Test
        void hashesNonAsciiPayloadsAsUtf8() {
            String payload = "{\"name\":\"Zürich €\"}";
            String signature = hex("secret", payload.getBytes(StandardCharsets.UTF_8));
            assertThat(Webhooks.verifySignature(payload, signature, "secret")).isTrue();
        }

        @Test
        void returnsFalseInsteadOfThrowingForNullBlankOrMalformedInput() {
            assertThat(Webhooks.verifySignature((String) null, HELLO_SIGNATURE, "secret")).isFalse();
            assertThat(Webhooks.verifySignature(" ", HELLO_SIGNATURE, "secret")).isFalse();
            assertThat(Webhooks.verifySignature("hello", null, "secret")).isFalse();
            assertThat(Webhooks.verifySignature("hello", "", "secret")).isFalse();
            assertThat(Webhooks.verifySignature("hello", HELLO_SIGNATURE, null)).isFalse();
            assertThat(Webhooks.verifySignature("hello", HELLO_SIGNATURE, "  ")).isFalse();
            assertThat(Webhooks.verifySignature("hello", "not hex at all", "secret")).isFalse();
            assertThat(Webhooks.verifySignature("hello", "abc", "secret")).isFalse();
            assertThat(Webhooks.verifySignature("hello", HELLO_SIGNATURE.substring(2), "secret")).isFalse();
            assertThat(Webhooks.verifySignature((byte[]) null, HELLO_SIGNATURE, "secret")).isFalse();
            assertThat(Webhooks.verifySignature(new byte[0], HELLO_SIGNATURE, "secret")).isFalse();
        }
    }

    @Nested
    class StandardWebhooks {

        @Test
        void acceptsThePublishedTestVector() {
            assertThatCode(() -> Webhooks.verify(VECTOR_BODY, vectorHeaders(), VECTOR_SECRET, VECTOR_NOW))
                    .doesNotThrowAnyException();
        }

        @Test
        void acceptsTheSecretWithoutItsWhsecPrefix() {
            String bare = VECTOR_SECRET.substring("whsec_".length());
            assertThatCode(() -> Webhooks.verify(VECTOR_BODY, vectorHeaders(), bare, VECTOR_NOW))
                    .doesNotThrowAnyException();
        }

        @Test
        void matchesHeaderNamesCaseInsensitively() {
            Map<String, String> headers = new HashMap<>();
            headers.put("Webhook-ID", VECTOR_ID);
            headers.put("WEBHOOK-TIMESTAMP", Long.toString(VECTOR_TIMESTAMP));
            headers.put("Webhook-Signature", VECTOR_SIGNATURE);
            assertThatCode(() -> Webhooks.verify(VECTOR_BODY, headers, VECTOR_SECRET, VECTOR_NOW))
                    .doesNotThrowAnyException();
        }

        @Test
        void refusesATamperedBody() {
            byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Webhooks.verify(tampered, vectorHeaders(), VECTOR_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("No webhook-signature signature matches the body");
        }

        @Test
        void refusesATamperedIdBecauseTheIdIsSigned() {
            Map<String, String> headers = vectorHeaders();
            headers.put("webhook-id", "msg_other");
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, headers, VECTOR_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("matches the body");
        }

        @Test
        void refusesTheWrongSecret() {
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, vectorHeaders(), NEW_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("wrong secret or modified body");
        }

        @Test
        void acceptsTimestampsExactlyAtTheToleranceEitherWay() {
            assertThatCode(() -> Webhooks.verify(VECTOR_BODY, vectorHeaders(), VECTOR_SECRET,
                    VECTOR_NOW.plus(Webhooks.DEFAULT_TOLERANCE))).doesNotThrowAnyException();
            assertThatCode(() -> Webhooks.verify(VECTOR_BODY, vectorHeaders(), VECTOR_SECRET,
                    VECTOR_NOW.minus(Webhooks.DEFAULT_TOLERANCE))).doesNotThrowAnyException();
        }

        @Test
        void refusesAStaleTimestampEvenWithAValidSignature() {
            Instant sixMinutesLater = VECTOR_NOW.plusSeconds(301);
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, vectorHeaders(), VECTOR_SECRET, sixMinutesLater))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("webhook-timestamp")
                    .hasMessageContaining("too old");
        }

        @Test
        void refusesATimestampTooFarInTheFuture() {
            Instant sixMinutesEarlier = VECTOR_NOW.minusSeconds(301);
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, vectorHeaders(), VECTOR_SECRET, sixMinutesEarlier))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("too far in the future");
        }

        @Test
        void refusesANonNumericOrExtremeTimestamp() {
            Map<String, String> headers = vectorHeaders();
            headers.put("webhook-timestamp", "2021-02-26T15:02:10Z");
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, headers, VECTOR_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("is not a Unix time in seconds");
            headers.put("webhook-timestamp", Long.toString(Long.MIN_VALUE));
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, headers, VECTOR_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("too old");
            headers.put("webhook-timestamp", Long.toString(Long.MAX_VALUE));
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, headers, VECTOR_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("too far in the future");
        }

        @Test
        void namesEveryMissingHeader() {
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, Map.of(), VECTOR_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessage("Missing webhook headers: webhook-id, webhook-timestamp, webhook-signature");
        }

        @Test
        void namesTheOneMissingHeader() {
            Map<String, String> headers = vectorHeaders();
            headers.remove("webhook-signature");
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, headers, VECTOR_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessage("Missing webhook header: webhook-signature");
        }

        @Test
        void treatsABlankHeaderAsMissing() {
            Map<String, String> headers = vectorHeaders();
            headers.put("webhook-id", " ");
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, headers, VECTOR_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessage("Missing webhook header: webhook-id");
        }

        @Test
        void refusesMissingBodyOrHeaders() {
            assertThatThrownBy(() -> Webhooks.verify(null, vectorHeaders(), VECTOR_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("no body");
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, null, VECTOR_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("no headers");
        }

        @Test
        void refusesASignatureHeaderWithoutV1Entries() {
            Map<String, String> headers = vectorHeaders();
            headers.put("webhook-signature", VECTOR_SIGNATURE.replace("v1,", "v2,"));
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, headers, VECTOR_SECRET, VECTOR_NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("holds no v1 signature");
        }

        @Test
        void ignoresOtherVersionsAndMalformedEntriesWhenOneV1EntryMatches() {
            Map<String, String> headers = vectorHeaders();
            headers.put("webhook-signature", "v1a,abc v1,!!notbase64!!  " + VECTOR_SIGNATURE);
            assertThatCode(() -> Webhooks.verify(VECTOR_BODY, headers, VECTOR_SECRET, VECTOR_NOW))
                    .doesNotThrowAnyException();
        }

        @Test
        void rejectsAnUnusableSecretAsAProgrammingError() {
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, vectorHeaders(), null, VECTOR_NOW))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, vectorHeaders(), " ", VECTOR_NOW))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, vectorHeaders(), "whsec_%%%", VECTOR_NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("base64");
        }

        @Test
        void usesTheCurrentClockByDefault() {
            // The vector's timestamp is from 2021, so against the real clock it is stale.
            assertThatThrownBy(() -> Webhooks.verify(VECTOR_BODY, vectorHeaders(), VECTOR_SECRET))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("too old");
            Instant now = Instant.now();
            assertThatCode(() -> Webhooks.verify(BODY, keystoneHeaders(BODY, now, NEW_SECRET), NEW_SECRET))
                    .doesNotThrowAnyException();
        }
    }

    @Nested
    class KeystoneDeliveries {

        @Test
        void acceptsADeliveryCarryingBothSchemes() {
            assertThatCode(() -> Webhooks.verify(BODY, keystoneHeaders(BODY, NOW, NEW_SECRET), NEW_SECRET, NOW))
                    .doesNotThrowAnyException();
        }

        @Test
        void checksTheKeystoneSignatureWhenPresent() {
            Map<String, String> headers = keystoneHeaders(BODY, NOW, NEW_SECRET);
            headers.put("x-keystone-signature", hex(NEW_SECRET, "other body".getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> Webhooks.verify(BODY, headers, NEW_SECRET, NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("X-Keystone-Signature does not match the body");
        }

        @Test
        void addsTheWhsecPrefixForTheKeystoneSignatureWhenTheSecretLacksIt() {
            String bare = NEW_SECRET.substring("whsec_".length());
            assertThatCode(() -> Webhooks.verify(BODY, keystoneHeaders(BODY, NOW, NEW_SECRET), bare, NOW))
                    .doesNotThrowAnyException();
        }

        @Test
        void duringARotationEitherTheNewOrTheOldSecretVerifies() {
            Map<String, String> headers = keystoneHeaders(BODY, NOW, NEW_SECRET, OLD_SECRET);
            assertThat(headers.get("Webhook-Signature").split(" ")).hasSize(2);
            assertThatCode(() -> Webhooks.verify(BODY, headers, NEW_SECRET, NOW)).doesNotThrowAnyException();
            assertThatCode(() -> Webhooks.verify(BODY, headers, OLD_SECRET, NOW)).doesNotThrowAnyException();
        }

        @Test
        void afterTheGracePeriodTheOldSecretNoLongerVerifies() {
            Map<String, String> headers = keystoneHeaders(BODY, NOW, NEW_SECRET);
            assertThatThrownBy(() -> Webhooks.verify(BODY, headers, OLD_SECRET, NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("checked 1 v1 signature");
        }

        @Test
        void refusesATamperedBodyOfARotatedDelivery() {
            Map<String, String> headers = keystoneHeaders(BODY, NOW, NEW_SECRET, OLD_SECRET);
            byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("6", "7")
                    .getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Webhooks.verify(tampered, headers, OLD_SECRET, NOW))
                    .isInstanceOf(WebhookVerificationException.class)
                    .hasMessageContaining("checked 2 v1 signatures");
        }
    }
}
