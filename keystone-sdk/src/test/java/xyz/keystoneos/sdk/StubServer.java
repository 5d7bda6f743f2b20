package xyz.keystoneos.sdk;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A scripted KeyStone API on the JDK's HttpServer: {@code POST /oauth/token} answers tokens {@code token-1},
 * {@code token-2}, … (or scripted replies), and every other route answers its scripted replies in order, repeating
 * the last one. Every request is recorded with its arrival time.
 *
 * <p>A test class holds one per test as an extension, closed (with the clients made for it) after each test:
 * <pre>{@code
 * @RegisterExtension
 * final StubServer server = StubServer.start();
 * private final KeystoneSyncClient client = Fixtures.syncClient(server);
 * }</pre>
 */
final class StubServer implements AutoCloseable, AfterEachCallback {

    record Recorded(String method, String uri, Headers headers, String body, long nanos) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    record Reply(int status, String body, Map<String, String> headers, Duration delay) {
        static Reply json(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO);
        }

        static Reply problem(int status, String code, String detail) {
            return new Reply(status, "{\"type\":\"https://docs.keystoneos.xyz/errors/" + code + "\",\"title\":\"T\","
                    + "\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\","
                    + "\"request_id\":\"req_" + code + "\"}", Map.of("Content-Type", "application/problem+json"),
                    Duration.ZERO);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, body, more, delay);
        }

        Reply after(Duration wait) {
            return new Reply(status, body, headers, wait);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<Reply>> routes = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private volatile long tokenLifetimeSeconds = 3600;
    private volatile Duration tokenDelay = Duration.ZERO;
    private final List<AutoCloseable> closedWithServer = new CopyOnWriteArrayList<>();

    StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server (for a {@code @RegisterExtension} field: it closes after each test). */
    static StubServer start() {
        try {
            return new StubServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes {@code resource} (for example a client of this server) before the server closes. */
    <T extends AutoCloseable> T closeWith(T resource) {
        closedWithServer.add(resource);
        return resource;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts the replies of a route, for example {@code on("GET", "/v1/settlements/s1", ...)}. */
    StubServer on(String method, String path, Reply... replies) {
        Deque<Reply> queue = new ArrayDeque<>(List.of(replies));
        routes.put(method + " " + path, queue);
        return this;
    }

    StubServer tokenLifetime(long seconds) {
        this.tokenLifetimeSeconds = seconds;
        return this;
    }

    StubServer tokenDelay(Duration delay) {
        this.tokenDelay = delay;
        return this;
    }

    List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<Recorded> apiRequests() {
        return requests().stream().filter(r -> !r.uri().startsWith("/oauth/token")).toList();
    }

    List<Recorded> tokenRequests() {
        return requests().stream().filter(r -> r.uri().startsWith("/oauth/token")).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = exchange.getRequestMethod();
        String uri = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(new Recorded(method, uri, exchange.getRequestHeaders(), body, now));
        Reply reply = reply(method, exchange.getRequestURI().getRawPath());
        try {
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Reply reply(String method, String path) {
        Deque<Reply> queue = routes.get(method + " " + path);
        if (queue != null) {
            synchronized (queue) {
                return queue.size() > 1 ? queue.poll() : queue.peek();
            }
        }
        if (method.equals("POST") && path.equals("/oauth/token")) {
            int n = tokens.incrementAndGet();
            return Reply.json(200, "{\"access_token\":\"token-" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + tokenLifetimeSeconds + ",\"scope\":\"settlements:read\"}").after(tokenDelay);
        }
        return Reply.problem(404, "not_found", "No route " + method + " " + path);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() {
        for (AutoCloseable resource : closedWithServer) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + resource, e);
            }
        }
        closedWithServer.clear();
        server.stop(0);
        executor.shutdownNow();
    }
}
