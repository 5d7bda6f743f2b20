package xyz.keystoneos.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery's exact body (SPEC §11). Secrets look like {@code whsec_<base64 of 32 random bytes>}.
 * <ul>
 * <li>{@code X-Keystone-Signature}: lowercase hex HMAC-SHA256 of the raw body, keyed with the whole secret string
 * (UTF-8), what the KeyStone SDKs' {@code verifySignature(payload, signature, secret)} checks; during a rotation's
 * grace period {@code X-Keystone-Signature-Previous} carries the same with the previous secret.</li>
 * <li>Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} =
 * {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} keyed with the base64-decoded part after {@code whsec_},
 * one space-separated entry per valid secret.</li>
 * </ul>
 */
final class WebhookSigner {

    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {
    }

    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Whether a client-chosen secret has the required form: {@code whsec_} + base64 of 24 to 64 bytes. */
    static boolean isWellFormed(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return false;
        }
        try {
            int length = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
            return length >= 24 && length <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * @param previousSecret the rotated-out secret while its grace period lasts, else {@code null}
     */
    static Map<String, String> headers(byte[] body, String eventId, UUID deliveryId, long timestamp, String secret,
            String previousSecret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "KeyStone-Webhooks/1");
        headers.put("X-Keystone-Event-Id", eventId);
        headers.put("X-Keystone-Delivery-Id", deliveryId.toString());
        headers.put("X-Keystone-Timestamp", Long.toString(timestamp));
        headers.put("X-Keystone-Signature", keystoneSignature(secret, body));
        String standard = standardSignature(secret, eventId, timestamp, body);
        if (previousSecret != null) {
            headers.put("X-Keystone-Signature-Previous", keystoneSignature(previousSecret, body));
            standard += " " + standardSignature(previousSecret, eventId, timestamp, body);
        }
        headers.put("webhook-id", eventId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", standard);
        return headers;
    }

    static String keystoneSignature(String secret, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    static String standardSignature(String secret, String messageId, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
        byte[] prefix = (messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, signed));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
