package xyz.keystoneos.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A stub KeyStone API on a random local port (the JDK's HTTP server): {@code /oauth/token} answers a token for the
 * secret {@code kss_good} (401 otherwise); other routes answer what the test registered for "METHOD /path".
 */
final class StubApi implements AutoCloseable {

    record Request(String method, String path, String query, String body, String authorization) {
    }

    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    StubApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        on("POST /oauth/token", r -> r.body().contains("\"kss_good\"")
                ? new Answer(200, "{\"access_token\":\"tok\",\"token_type\":\"Bearer\",\"expires_in\":86400}")
                : new Answer(401, "{\"status\":401,\"code\":\"invalid_client\",\"detail\":\"bad client credentials\"}"));
        on("GET /v1/ping", r -> new Answer(200, """
                {"client_id":"ksc_test","client_kind":"platform","platform_id":"p-1","environment_id":"e-1",
                 "environment_slug":"development","environment_kind":"sandbox","scopes":["settlements:read"]}"""));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    StubApi on(String route, Function<Request, Answer> handler) {
        routes.put(route, handler);
        return this;
    }

    StubApi json(String route, String body) {
        return on(route, r -> new Answer(200, body));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), body, exchange.getRequestHeaders().getFirst("Authorization"));
        requests.add(request);
        Function<Request, Answer> handler = routes.get(request.method() + " " + request.path());
        Answer answer = handler == null
                ? new Answer(404, "{\"status\":404,\"code\":\"not_found\",\"detail\":\"no such thing\","
                        + "\"request_id\":\"req_stub\"}")
                : handler.apply(request);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.status() >= 400
                ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
