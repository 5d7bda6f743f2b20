package xyz.keystoneos.sdk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the signatures of webhooks KeyStone sends. Always verify the <b>raw bytes</b> of the request body as
 * received, before parsing it: re-serialised JSON does not match.
 *
 * <p>KeyStone signs every delivery twice:
 * <ul>
 *   <li>{@code X-Keystone-Signature}: the lowercase hex HMAC-SHA256 of the raw body, keyed with the UTF-8 bytes of
 *       the whole secret string (including its {@code whsec_} prefix). {@code X-Keystone-Signature-Previous} is
 *       the same with the previous secret during the 24 hours after a rotation. This signature covers the body
 *       only, so it does not protect against replays. Check it with {@link #verifySignature(String, String, String)}.
 *   <li><a href="https://www.standardwebhooks.com/">Standard Webhooks</a>: {@code webhook-id},
 *       {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}, a space-separated list of
 *       {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} entries keyed with the base64-decoded part of the
 *       secret after {@code whsec_}; during a rotation it holds one entry per valid secret. Because the timestamp
 *       is signed, a stale delivery is refused. {@link #verify(byte[], Map, String)} checks these headers (and
 *       {@code X-Keystone-Signature} when present) and is the recommended check.
 * </ul>
 *
 * <p>All comparisons run in constant time. This class has only static methods and no state.
 *
 * <pre>{@code
 * byte[] rawBody = ...;                  // the request body, unparsed
 * Map<String, String> headers = ...;     // the request headers
 * try {
 *     Webhooks.verify(rawBody, headers, webhookSecret);
 * } catch (WebhookVerificationException e) {
 *     // answer 400 and ignore the request; e.getMessage() says what failed
 * }
 * }</pre>
 */
public final class Webhooks {

    /** How far {@code webhook-timestamp} may be from the local clock, either way: 5 minutes. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** The prefix of KeyStone webhook secrets. */
    public static final String SECRET_PREFIX = "whsec_";

    /** Header carrying the hex signature made with the current secret. */
    public static final String KEYSTONE_SIGNATURE_HEADER = "X-Keystone-Signature";

    /** Header carrying the hex signature made with the previous secret, during a rotation's grace period. */
    public static final String KEYSTONE_SIGNATURE_PREVIOUS_HEADER = "X-Keystone-Signature-Previous";

    /** Standard Webhooks header carrying the message (event) id. */
    public static final String WEBHOOK_ID_HEADER = "webhook-id";

    /** Standard Webhooks header carrying the Unix time in seconds at which the attempt was sent. */
    public static final String WEBHOOK_TIMESTAMP_HEADER = "webhook-timestamp";

    /** Standard Webhooks header carrying the space-separated {@code v1,<base64>} signatures. */
    public static final String WEBHOOK_SIGNATURE_HEADER = "webhook-signature";

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final String V1_PREFIX = "v1,";

    private Webhooks() {
    }

    /**
     * Checks an {@code X-Keystone-Signature}: whether {@code signature} is the hex HMAC-SHA256 of {@code payload}
     * (encoded as UTF-8) keyed with the whole {@code secret} string. Pass the body exactly as received.
     *
     * <p>Never throws for bad input: a {@code null} or blank argument, or a signature that is not hex, gives
     * {@code false}.
     *
     * @param payload   the raw request body
     * @param signature the value of the {@code X-Keystone-Signature} header (lowercase or uppercase hex; surrounding
     *                  whitespace is ignored)
     * @param secret    the endpoint's secret, exactly as KeyStone returned it (including {@code whsec_})
     * @return {@code true} when the signature matches
     */
    public static boolean verifySignature(String payload, String signature, String secret) {
        if (payload == null || payload.isBlank()) {
            return false;
        }
        return verifySignature(payload.getBytes(StandardCharsets.UTF_8), signature, secret);
    }

    /**
     * Checks an {@code X-Keystone-Signature} against the raw body bytes: whether {@code signature} is the hex
     * HMAC-SHA256 of {@code payload} keyed with the UTF-8 bytes of the whole {@code secret} string.
     *
     * <p>Never throws for bad input: a {@code null} or empty payload, a {@code null} or blank signature or secret,
     * or a signature that is not hex, gives {@code false}.
     *
     * @param payload   the raw request body
     * @param signature the value of the {@code X-Keystone-Signature} header
     * @param secret    the endpoint's secret, exactly as KeyStone returned it (including {@code whsec_})
     * @return {@code true} when the signature matches
     */
    public static boolean verifySignature(byte[] payload, String signature, String secret) {
        if (payload == null || payload.length == 0 || signature == null || signature.isBlank()
                || secret == null || secret.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.strip());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        byte[] expected = hmacSha256(secret.getBytes(StandardCharsets.UTF_8), payload);
        return MessageDigest.isEqual(expected, given);
    }

    /**
     * Verifies a webhook delivery with the current time and {@link #DEFAULT_TOLERANCE}; see
     * {@link #verify(byte[], Map, String, Instant, Duration)}.
     *
     * @param rawBody the request body exactly as received
     * @param headers the request headers; names are matched case-insensitively
     * @param secret  the endpoint's secret, with or without the {@code whsec_} prefix
     * @throws WebhookVerificationException if the delivery fails verification; the message says why
     * @throws IllegalArgumentException     if {@code secret} is null, blank or not a valid webhook secret
     */
    public static void verify(byte[] rawBody, Map<String, String> headers, String secret) {
        verify(rawBody, headers, secret, Instant.now(), DEFAULT_TOLERANCE);
    }

    /**
     * Verifies a webhook delivery against a given clock and {@link #DEFAULT_TOLERANCE}; see
     * {@link #verify(byte[], Map, String, Instant, Duration)}.
     *
     * @param rawBody the request body exactly as received
     * @param headers the request headers; names are matched case-insensitively
     * @param secret  the endpoint's secret, with or without the {@code whsec_} prefix
     * @param now     the current time
     * @throws WebhookVerificationException if the delivery fails verification; the message says why
     * @throws IllegalArgumentException     if {@code secret} is null, blank or not a valid webhook secret, or
     *                                      {@code now} is null
     */
    public static void verify(byte[] rawBody, Map<String, String> headers, String secret, Instant now) {
        verify(rawBody, headers, secret, now, DEFAULT_TOLERANCE);
    }

    /**
     * Verifies a webhook delivery; returns normally only when it is authentic and fresh:
     * <ol>
     *   <li>{@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} are present (header names
     *       are matched case-insensitively);</li>
     *   <li>{@code webhook-timestamp} is Unix seconds no more than {@code tolerance} before or after
     *       {@code now};</li>
     *   <li>at least one {@code v1,} entry of {@code webhook-signature} is the base64 HMAC-SHA256 of
     *       {@code id + "." + timestamp + "." + body}, keyed with the base64-decoded secret (entries of other
     *       versions are ignored), so during a rotation either the new or the old secret verifies;</li>
     *   <li>if {@code X-Keystone-Signature} is present, it, or else {@code X-Keystone-Signature-Previous}, is the
     *       hex HMAC-SHA256 of the body keyed with the whole {@code whsec_…} secret string.</li>
     * </ol>
     *
     * <p>Also remember the {@code webhook-id}s you processed: delivery is at least once, so the same event may
     * arrive again (with a fresh timestamp and signature).
     *
     * @param rawBody   the request body exactly as received
     * @param headers   the request headers; names are matched case-insensitively
     * @param secret    the endpoint's secret, with or without the {@code whsec_} prefix (without it, the prefix is
     *                  added for the {@code X-Keystone-Signature} check, which is keyed with the whole secret)
     * @param now       the current time
     * @param tolerance how far the timestamp may be from {@code now}, either way
     * @throws WebhookVerificationException if the body or a required header is missing, a header is malformed,
     *                                      the timestamp is outside the tolerance, or a signature does not match
     * @throws IllegalArgumentException     if {@code secret} is null, blank or not {@code whsec_} + base64, or
     *                                      {@code now} or {@code tolerance} is null or the tolerance is negative
     */
    public static void verify(byte[] rawBody, Map<String, String> headers, String secret, Instant now,
                              Duration tolerance) {
        byte[] key = standardKey(secret);
        String fullSecret = secret.strip().startsWith(SECRET_PREFIX) ? secret.strip() : SECRET_PREFIX + secret.strip();
        if (now == null) {
            throw new IllegalArgumentException("now must not be null");
        }
        if (tolerance == null || tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be null or negative, was " + tolerance);
        }
        if (rawBody == null) {
            throw new WebhookVerificationException("Webhook has no body");
        }
        if (headers == null) {
            throw new WebhookVerificationException("Webhook has no headers");
        }

        String id = header(headers, WEBHOOK_ID_HEADER);
        String timestamp = header(headers, WEBHOOK_TIMESTAMP_HEADER);
        String signatures = header(headers, WEBHOOK_SIGNATURE_HEADER);
        List<String> missing = new ArrayList<>();
        if (id == null) {
            missing.add(WEBHOOK_ID_HEADER);
        }
        if (timestamp == null) {
            missing.add(WEBHOOK_TIMESTAMP_HEADER);
        }
        if (signatures == null) {
            missing.add(WEBHOOK_SIGNATURE_HEADER);
        }
        if (!missing.isEmpty()) {
            throw new WebhookVerificationException("Missing webhook header" + (missing.size() > 1 ? "s: " : ": ")
                    + String.join(", ", missing));
        }

        checkTimestamp(timestamp, now, tolerance);

        byte[] signedContent = concat((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), rawBody);
        byte[] expected = hmacSha256(key, signedContent);
        int v1Count = 0;
        boolean matched = false;
        for (String entry : signatures.strip().split("\\s+")) {
            if (!entry.startsWith(V1_PREFIX)) {
                continue;
            }
            v1Count++;
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(V1_PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            // no early exit: every entry is checked, in constant time each
            matched |= MessageDigest.isEqual(expected, given);
        }
        if (v1Count == 0) {
            throw new WebhookVerificationException("Header " + WEBHOOK_SIGNATURE_HEADER + " holds no v1 signature");
        }
        if (!matched) {
            throw new WebhookVerificationException("No " + WEBHOOK_SIGNATURE_HEADER + " signature matches the body"
                    + " (checked " + v1Count + " v1 " + (v1Count == 1 ? "signature" : "signatures")
                    + "); wrong secret or modified body");
        }

        String keystoneSignature = header(headers, KEYSTONE_SIGNATURE_HEADER);
        if (keystoneSignature != null) {
            String previous = header(headers, KEYSTONE_SIGNATURE_PREVIOUS_HEADER);
            boolean current = verifySignature(rawBody, keystoneSignature, fullSecret);
            boolean old = previous != null && verifySignature(rawBody, previous, fullSecret);
            if (!current && !old) {
                throw new WebhookVerificationException("Header " + KEYSTONE_SIGNATURE_HEADER
                        + (previous != null ? " (nor " + KEYSTONE_SIGNATURE_PREVIOUS_HEADER + ")" : "")
                        + " does not match the body; wrong secret or modified body");
            }
        }
    }

    private static void checkTimestamp(String timestamp, Instant now, Duration tolerance) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException notANumber) {
            throw new WebhookVerificationException("Header " + WEBHOOK_TIMESTAMP_HEADER
                    + " is not a Unix time in seconds: '" + abbreviate(timestamp) + "'");
        }
        long nowSeconds = now.getEpochSecond();
        long toleranceSeconds = tolerance.getSeconds();
        long age; // how many seconds the timestamp lies in the past (negative: in the future)
        try {
            age = Math.subtractExact(nowSeconds, seconds);
        } catch (ArithmeticException overflow) {
            age = seconds < nowSeconds ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        if (age > toleranceSeconds) {
            throw new WebhookVerificationException("Header " + WEBHOOK_TIMESTAMP_HEADER + " " + seconds
                    + " is too old: " + age + " s before the current time " + nowSeconds + ", more than the "
                    + toleranceSeconds + " s tolerance (stale or replayed delivery)");
        }
        if (age < -toleranceSeconds) {
            throw new WebhookVerificationException("Header " + WEBHOOK_TIMESTAMP_HEADER + " " + seconds
                    + " is too far in the future: more than the " + toleranceSeconds
                    + " s tolerance after the current time " + nowSeconds + " (check the clocks)");
        }
    }

    /** Decodes the Standard Webhooks key: the base64 part of the secret after {@code whsec_}. */
    private static byte[] standardKey(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("webhook secret must not be null or blank");
        }
        String encoded = secret.strip();
        if (encoded.startsWith(SECRET_PREFIX)) {
            encoded = encoded.substring(SECRET_PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(
                    "webhook secret must be whsec_ followed by standard base64 (as KeyStone returns it)", notBase64);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("webhook secret has no key bytes after whsec_");
        }
        return key;
    }

    /** Returns the value of a header, matching its name case-insensitively; null when absent or blank. */
    private static String header(Map<String, String> headers, String name) {
        String direct = headers.get(name);
        if (direct != null && !direct.isBlank()) {
            return direct;
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (key != null && key.strip().equalsIgnoreCase(name) && value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is required of every Java platform; a non-empty key is always accepted
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = new byte[first.length + second.length];
        System.arraycopy(first, 0, result, 0, first.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }

    private static String abbreviate(String value) {
        String oneLine = value.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "…";
    }
}
