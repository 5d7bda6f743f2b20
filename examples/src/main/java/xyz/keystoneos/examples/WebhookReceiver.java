package xyz.keystoneos.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import xyz.keystoneos.sdk.KeystoneClient;
import xyz.keystoneos.sdk.KeystoneSyncClient;
import xyz.keystoneos.sdk.WebhookVerificationException;
import xyz.keystoneos.sdk.Webhooks;
import xyz.keystoneos.sdk.model.CreateWebhookRequest;
import xyz.keystoneos.sdk.model.WebhookEndpoint;
import xyz.keystoneos.sdk.model.WebhookEvent;

/**
 * A tiny webhook receiver on the JDK's HTTP server: it verifies each delivery's signatures on the raw body with
 * {@link Webhooks#verify(byte[], Map, String)} (Standard Webhooks headers with a 5 minute tolerance, plus
 * {@code X-Keystone-Signature}), ignores repeated deliveries of an event it has seen, and prints the events.
 *
 * <p>Environment: {@code PORT} (default 4000); either {@code KEYSTONE_WEBHOOK_SECRET} (the secret of an endpoint you
 * created), or {@code KEYSTONE_CLIENT_ID} and {@code KEYSTONE_CLIENT_SECRET} (with {@code KEYSTONE_BASE_URL},
 * default {@code http://localhost:8080}), in which case the receiver registers itself as an endpoint of that
 * environment, sends a test ping and deletes the endpoint again on exit. A local server in the {@code dev} profile
 * accepts {@code localhost} endpoints.
 * <pre>
 * KEYSTONE_CLIENT_ID=ksc_… KEYSTONE_CLIENT_SECRET=kss_… \
 * ./mvnw -q -pl examples -am compile exec:java -Dexec.mainClass=xyz.keystoneos.examples.WebhookReceiver
 * </pre>
 */
public final class WebhookReceiver {

    /** The path deliveries are posted to. */
    public static final String PATH = "/webhooks/keystone";

    private static final int REMEMBERED_EVENTS = 10_000;

    private WebhookReceiver() {
    }

    /**
     * Starts the receiver.
     *
     * @param args ignored
     * @throws IOException          when the port cannot be opened
     * @throws InterruptedException when the waiting main thread is interrupted
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        int port = Integer.parseInt(env("PORT", "4000"));
        String secret = System.getenv("KEYSTONE_WEBHOOK_SECRET");
        String clientId = System.getenv("KEYSTONE_CLIENT_ID");
        if (secret == null && clientId == null) {
            throw new IllegalStateException(
                    "Set KEYSTONE_WEBHOOK_SECRET, or KEYSTONE_CLIENT_ID and KEYSTONE_CLIENT_SECRET.");
        }
        String[] current = new String[] {secret};
        HttpServer server = start(port, () -> current[0], System.out);
        System.out.println("Listening on http://localhost:" + port + PATH);
        if (secret == null && clientId != null) {
            String baseUrl = env("KEYSTONE_BASE_URL", "http://localhost:8080");
            KeystoneSyncClient client = KeystoneClient.builder().clientId(clientId)
                    .clientSecret(System.getenv("KEYSTONE_CLIENT_SECRET")).baseUrl(baseUrl)
                    .authDomain(env("KEYSTONE_AUTH_DOMAIN", baseUrl)).buildSync();
            WebhookEndpoint endpoint = client.webhooks().create(CreateWebhookRequest.builder()
                    .url("http://localhost:" + port + PATH).description("SDK example receiver").build());
            current[0] = endpoint.secret();
            System.out.println("Registered endpoint " + endpoint.id() + "; test ping: "
                    + client.webhooks().test(endpoint.id()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.webhooks().delete(endpoint.id());
                client.close();
                server.stop(0);
            }));
        }
        System.out.println("Press Ctrl+C to stop.");
        Thread.currentThread().join();
    }

    /**
     * Starts a receiver on a port.
     *
     * @param port   the port (0 for any free port)
     * @param secret supplies the endpoint's signing secret
     * @param out    where verified events are printed
     * @return the running server
     * @throws IOException when the port cannot be opened
     */
    public static HttpServer start(int port, Supplier<String> secret, PrintStream out) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext(PATH, handler(secret, out));
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    /**
     * Returns the handler: 405 for anything but POST, 400 when verification fails, else 200 after printing the
     * event (once per event id).
     *
     * @param secret supplies the endpoint's signing secret
     * @param out    where verified events are printed
     * @return the handler
     */
    public static HttpHandler handler(Supplier<String> secret, PrintStream out) {
        Set<String> seen = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED_EVENTS;
            }
        }));
        return exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    respond(exchange, 405, "{\"error\":\"POST only\"}");
                    return;
                }
                byte[] rawBody = exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                try {
                    Webhooks.verify(rawBody, headers, secret.get());
                } catch (WebhookVerificationException e) {
                    out.println("Rejected a delivery: " + e.getMessage());
                    respond(exchange, 400, "{\"error\":\"invalid signature\"}");
                    return;
                }
                WebhookEvent event = WebhookEvent.parse(rawBody);
                if (seen.add(event.id())) {
                    String settlement = event.dataString("settlement_id");
                    out.println("Event " + event.id() + " " + event.event()
                            + (settlement == null ? "" : " settlement " + settlement + " -> "
                            + event.dataString("state")));
                }
                respond(exchange, 200, "{\"status\":\"ok\"}");
            }
        };
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
