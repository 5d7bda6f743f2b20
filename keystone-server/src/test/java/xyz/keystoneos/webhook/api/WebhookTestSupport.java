package xyz.keystoneos.webhook.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.TestPlatform;
import xyz.keystoneos.webhook.WebhookOutbox;

/** Helpers of the webhook API tests: raw requests, receiver-side signature checks, publishing events. */
final class WebhookTestSupport {

    static final String WEBHOOKS = "/v1/platforms/me/webhooks";

    private WebhookTestSupport() {
    }

    static ApiResponse delete(Api api, String path, String token) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + token).DELETE());
    }

    /** Creates an endpoint over the API and answers the 201 body (with its secret). */
    static ApiResponse createEndpoint(Api api, String token, String url, List<String> events) {
        ApiResponse response = api.post(WEBHOOKS, token, Api.json(Map.of("url", url, "events", events)));
        if (response.status() != 201) {
            throw new AssertionError("endpoint creation failed: " + response);
        }
        return response;
    }

    /** Records an event for the platform's environment the way the settlement engine does. */
    static String publish(TransactionTemplate transactions, WebhookOutbox outbox, TestPlatform platform, String type,
            Map<String, Object> data) {
        return transactions.execute(status -> outbox.publish(type, List.of(new WebhookOutbox.Recipient(
                platform.platformId(), platform.environmentId())), null, data));
    }

    /** {@code X-Keystone-Signature} as a receiver computes it: hex HMAC-SHA256 of the raw body, keyed with the secret. */
    static String keystoneSignature(String secret, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** Standard Webhooks: base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the decoded secret. */
    static String standardSignature(String secret, String id, String timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        byte[] signed = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, signed));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A well-formed client-chosen secret. */
    static String newSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** A loopback port nothing listens on (was free a moment ago). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String randomId() {
        return UUID.randomUUID().toString();
    }
}
