package xyz.keystoneos.cli;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook delivery the way the KeyStone server does (docs/webhooks.md), so that a receiver verifying
 * real deliveries (for example with the SDK's {@code Webhooks.verify}) accepts what {@code keystone listen}
 * forwards:
 * <ul>
 * <li>{@code X-Keystone-Signature}: lowercase hex HMAC-SHA256 of the raw body, keyed with the UTF-8 bytes of the
 * whole secret string ({@code whsec_…});</li>
 * <li>Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 * {@code webhook-signature} = {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} keyed with the
 * base64-decoded part of the secret after {@code whsec_};</li>
 * <li>{@code X-Keystone-Event-Id}, {@code X-Keystone-Delivery-Id}, {@code X-Keystone-Timestamp}.</li>
 * </ul>
 * (The SDK only verifies; it has no signing code, hence this class.)
 */
public final class WebhookSigner {

    public static final String PREFIX = "whsec_";

    private final String secret;
    private final byte[] standardKey;

    public WebhookSigner(String secret) {
        this.secret = check(secret);
        this.standardKey = Base64.getDecoder().decode(this.secret.substring(PREFIX.length()));
    }

    /** A new random secret: {@code whsec_} + base64 of 32 random bytes (as the server generates them). */
    public static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Checks a secret's form: {@code whsec_} + standard base64 of at least one byte. */
    public static String check(String secret) {
        if (secret == null || !secret.strip().startsWith(PREFIX)) {
            throw CliException.usage("A webhook secret is whsec_ followed by base64 (e.g. "
                    + "whsec_Hk3QF1n0vN0Yy8b4S1m2c7x9JpQ2Wq5ZbYp0d8uX3fA=)");
        }
        String stripped = secret.strip();
        try {
            if (Base64.getDecoder().decode(stripped.substring(PREFIX.length())).length == 0) {
                throw CliException.usage("The webhook secret has no key bytes after whsec_");
            }
        } catch (IllegalArgumentException notBase64) {
            throw CliException.usage("The webhook secret must be whsec_ followed by standard base64");
        }
        return stripped;
    }

    public String secret() {
        return secret;
    }

    /** The headers of one delivery attempt of {@code body}. */
    public Map<String, String> headers(String eventId, String deliveryId, long timestampSeconds, byte[] body) {
        String timestamp = Long.toString(timestampSeconds);
        byte[] prefix = (eventId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Keystone-Event-Id", eventId);
        headers.put("X-Keystone-Delivery-Id", deliveryId);
        headers.put("X-Keystone-Timestamp", timestamp);
        headers.put("X-Keystone-Signature",
                HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body)));
        headers.put("webhook-id", eventId);
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", "v1," + Base64.getEncoder().encodeToString(hmac(standardKey, signed)));
        return headers;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
