package xyz.keystoneos.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deterministic HTTP fuzzer: request {@code i} of a run with seed {@code s} is built from {@code new Random(s * 1_000_003 + i)}
 * alone, so any failure can be replayed on its own ({@code -Dkeystone.fuzz.seed=s -Dkeystone.fuzz.only=i}) whatever
 * the concurrency. Each request takes one endpoint (round robin) and one or more mutations: hostile path variables,
 * query parameters, headers, methods, content types and bodies (derived from the endpoint's request schema in the
 * served OpenAPI document, then broken). Every answer is checked by {@link #check}.
 */
final class Fuzzer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /** What must never appear in an answer (unless the request itself carried it): internals of the server. */
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\tat |\\bjava\\.|\\bjavax\\.|\\bjakarta\\.|org\\.springframework|org\\.apache|tools\\.jackson"
                    + "|com\\.fasterxml|org\\.postgresql|org\\.hibernate|xyz\\.keystoneos|PSQL|SQLState|SQL state"
                    + "|syntax error at|violates .* constraint|duplicate key value|jdbc:|Caused by|Apache Tomcat"
                    + "|HikariPool|bucket4j");

    /** 40 or more base64url characters in a row. */
    private static final Pattern BASE64URL_RUN = Pattern.compile("[A-Za-z0-9_-]{40,}");

    /** One endpoint: method, path pattern, which token it needs, and what the OpenAPI document says of it. */
    record Endpoint(String method, String pattern, boolean operator, JsonNode bodySchema, List<String> queryParams) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** A request as sent, for the failure report and replay. */
    record Sent(long index, String method, String uri, Map<String, List<String>> headers, String body, String raw,
            String mutations) {
        String text() {
            return method + " " + uri + " " + headers + " " + (body == null ? "" : body) + (raw == null ? "" : raw);
        }

        /**
         * The request line and headers this request puts on the wire (for the raw mode exactly; for the JDK client
         * its own headers — host, length, user agent — are estimated).
         */
        int headBytes() {
            if (raw != null) {
                int end = raw.indexOf("\r\n\r\n");
                return (end < 0 ? raw.length() : end) + 4;
            }
            int target = uri.length() - uri.indexOf('/', "http://".length());
            int bytes = method.length() + 1 + target + " HTTP/1.1\r\n".length() + JDK_CLIENT_HEADER_BYTES + 2;
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                for (String value : header.getValue()) {
                    // headerSafe leaves one byte per character
                    bytes += header.getKey().length() + 2 + value.length() + 2;
                }
            }
            return bytes;
        }

        String brief() {
            String b = body == null ? (raw == null ? "" : raw) : body;
            if (b.length() > 300) {
                b = b.substring(0, 300) + "…(" + b.length() + " chars)";
            }
            String u = uri.length() > 300 ? uri.substring(0, 300) + "…" : uri;
            return "#" + index + " [" + mutations + "] " + method + " " + u + " headers=" + headers + " body=" + b;
        }
    }

    /** What the JDK client adds on its own: Host, Content-Length, User-Agent, and the h2c upgrade offer. */
    private static final int JDK_CLIENT_HEADER_BYTES = 200;

    record Answer(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** The values the fuzzer may put into path variables and parameters. */
    static final class Fixture {
        String platformToken;
        String operatorToken;
        /** Own resources, by path variable name. */
        final Map<String, String> own = new LinkedHashMap<>();
        /** The other tenant's resources, by path variable name. */
        final Map<String, String> victim = new LinkedHashMap<>();
        /** Strings of the other tenant that must never reach the fuzzing tenant unless it sent them itself. */
        final Set<String> victimMarkers = new java.util.TreeSet<>();
    }

    private final String host;
    private final int port;
    private final List<Endpoint> endpoints;
    private final Fixture fixture;
    private final long seed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    final AtomicLong sent = new AtomicLong();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> codes = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> mutationCounts = new ConcurrentHashMap<>();
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failureCount = new AtomicInteger();
    /** Request heads (request line and headers) sent: the largest, and how many were over 8, 16 and 32 KiB. */
    final AtomicInteger largestHead = new AtomicInteger();
    final AtomicInteger[] headsOver = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    private static final int[] HEAD_SIZES = {8 * 1024, 16 * 1024, 32 * 1024};
    /** Activity entries that showed a string of the other tenant and were the echo of the fuzzer's own request. */
    final AtomicInteger activityEchoes = new AtomicInteger();
    private final Set<String> markerCarryingRequestIds = ConcurrentHashMap.newKeySet();
    private final List<ActivityEchoSuspect> activityEchoSuspects = Collections.synchronizedList(new ArrayList<>());

    Fuzzer(String host, int port, List<Endpoint> endpoints, Fixture fixture, long seed) {
        this.host = host;
        this.port = port;
        this.endpoints = endpoints;
        this.fixture = fixture;
        this.seed = seed;
    }

    /** Sends requests {@code 0..count-1} (or only {@code only}) on {@code threads} threads. */
    void run(long count, int threads, Long only) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong(only == null ? 0 : only);
        long end = only == null ? count : only + 1;
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                for (long i = next.getAndIncrement(); i < end; i = next.getAndIncrement()) {
                    one(i);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
            pool.shutdownNow();
            failures.add("fuzzing did not finish in time");
        }
        settleActivityEchoes();
    }

    /** Request {@code index} of this seed's sequence; the same index always gives the same request. */
    Sent request(long index) {
        Random random = new Random(seed * 1_000_003L + index);
        return build(index, endpoints.get((int) (index % endpoints.size())), random);
    }

    void one(long index) {
        Endpoint endpoint = endpoints.get((int) (index % endpoints.size()));
        Sent request;
        try {
            request = request(index);
        } catch (RuntimeException e) {
            fail(null, "#" + index + " " + endpoint + ": could not build the request: " + e);
            return;
        }
        countHead(request.headBytes());
        Answer answer;
        try {
            answer = request.raw() != null ? sendRaw(request) : send(request);
        } catch (Exception e) {
            rememberRequestIds(request, null);
            fail(request, "no answer: " + e);
            return;
        }
        sent.incrementAndGet();
        rememberRequestIds(request, answer);
        statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
        for (String m : request.mutations().split(",")) {
            mutationCounts.computeIfAbsent(m, k -> new AtomicInteger()).incrementAndGet();
        }
        check(endpoint, request, answer);
    }

    private void countHead(int bytes) {
        largestHead.accumulateAndGet(bytes, Math::max);
        for (int i = 0; i < HEAD_SIZES.length; i++) {
            if (bytes > HEAD_SIZES[i]) {
                headsOver[i].incrementAndGet();
            }
        }
    }

    // ---------------------------------------------------------------- checks

    private void check(Endpoint endpoint, Sent request, Answer answer) {
        String body = answer.body() == null ? "" : answer.body();
        String requestText = request.text();
        JsonNode json = null;
        if (body.trim().startsWith("{")) {
            try {
                json = JSON.readTree(body);
            } catch (RuntimeException e) {
                if (!request.method().equals("HEAD")) {
                    fail(request, answer.status() + " answer is not valid JSON: " + abbreviate(body));
                }
            }
        }
        String code = json != null && json.has("code") ? json.get("code").asString() : null;
        codes.computeIfAbsent(answer.status() + " " + code, c -> new AtomicInteger()).incrementAndGet();
        if (answer.status() >= 500) {
            boolean documented = answer.status() == 503 && "concurrent_update".equals(code)
                    && answer.header("Retry-After") != null;
            if (!documented) {
                fail(request, answer.status() + " " + abbreviate(body));
                return;
            }
        }
        boolean browserPage = request.uri().contains("/login") || request.uri().contains("/invitations/");
        if (answer.status() >= 400 && answer.status() < 500 && !request.method().equals("HEAD") && !browserPage) {
            // Also what Tomcat or the security firewall refuse before Spring MVC (bad escapes, TRACE, unknown
            // methods): the /error controller and the error report valve answer those as problems too.
            String contentType = answer.header("Content-Type");
            if (contentType == null || !contentType.startsWith("application/problem+json")) {
                fail(request, answer.status() + " not problem+json (" + contentType + "): " + abbreviate(body));
            } else if (json == null || code == null || code.isBlank() || !json.has("request_id")) {
                fail(request, answer.status() + " problem without code or request_id: " + abbreviate(body));
            } else if (answer.status() == 405 && answer.header("Allow") == null) {
                fail(request, "405 without an Allow header: " + abbreviate(body));
            }
        }
        // Key material and tokens (the JWKS's RSA moduli, signatures) are long base64url runs that by chance contain
        // "PSQL" or "SQLState" now and then; the internals looked for never come as such a run.
        Matcher internals = INTERNALS.matcher(BASE64URL_RUN.matcher(body).replaceAll("…"));
        while (internals.find()) {
            if (!requestText.contains(internals.group())) {
                fail(request, answer.status() + " answer shows internals '" + internals.group() + "': "
                        + abbreviate(body));
                break;
            }
        }
        if (!endpoint.operator() && !endpoint.pattern().startsWith("/v1/settlement-templates")) {
            checkForLeaks(endpoint, request, answer, body, json);
        }
    }

    /**
     * No answer to the fuzzing tenant may show another tenant's strings, unless this very request carried them. The
     * activity log is the one place where the tenant's own earlier requests come back: an entry records the request's
     * path, request id and details, so a marker the fuzzer itself sent earlier (in a path, a body or an
     * {@code X-Request-Id}) is echoed there. Such an entry is an echo only if its {@code request_id} is one of the
     * fuzzer's own requests that carried the marker; that is decided after the run ({@link #settleActivityEchoes()}),
     * when every request's id is known.
     */
    private void checkForLeaks(Endpoint endpoint, Sent request, Answer answer, String body, JsonNode json) {
        String requestText = request.text();
        boolean activity = endpoint.pattern().equals("/v1/activity") && json != null && json.has("items");
        StringBuilder outsideItems = new StringBuilder(body);
        if (activity) {
            ObjectNode withoutItems = (ObjectNode) json.deepCopy();
            withoutItems.remove("items");
            outsideItems = new StringBuilder(withoutItems.toString());
            for (JsonNode item : json.get("items")) {
                String itemText = item.toString();
                for (String marker : fixture.victimMarkers) {
                    if (itemText.contains(marker) && !requestText.contains(marker)) {
                        activityEchoSuspects.add(new ActivityEchoSuspect(request, answer.status(), marker,
                                item.path("request_id").asString(""), abbreviate(itemText)));
                    }
                }
            }
        }
        for (String marker : fixture.victimMarkers) {
            if (outsideItems.indexOf(marker) >= 0 && !requestText.contains(marker)) {
                fail(request, answer.status() + " leaks another tenant's " + marker + ": " + abbreviate(body));
            }
        }
    }

    /** An activity entry that shows another tenant's string; an echo if its request was the fuzzer's own. */
    private record ActivityEchoSuspect(Sent request, int status, String marker, String entryRequestId, String entry) {
    }

    /** Remembers the ids of the requests that carried another tenant's strings (their entries may echo them). */
    private void rememberRequestIds(Sent request, Answer answer) {
        String text = request.text();
        if (fixture.victimMarkers.stream().noneMatch(text::contains)) {
            return;
        }
        request.headers().forEach((name, values) -> {
            if (name.equalsIgnoreCase("X-Request-Id")) {
                markerCarryingRequestIds.addAll(values);
            }
        });
        if (answer != null && answer.header("X-Request-Id") != null) {
            markerCarryingRequestIds.add(answer.header("X-Request-Id"));
        }
    }

    /** After the run: suspects whose entry came from one of the fuzzer's marker-carrying requests are echoes. */
    void settleActivityEchoes() {
        for (ActivityEchoSuspect suspect : activityEchoSuspects) {
            if (markerCarryingRequestIds.contains(suspect.entryRequestId())) {
                activityEchoes.incrementAndGet();
            } else {
                fail(suspect.request(), suspect.status() + " activity entry of another request leaks another "
                        + "tenant's " + suspect.marker() + ": " + suspect.entry());
            }
        }
        activityEchoSuspects.clear();
    }

    private void fail(Sent request, String message) {
        failureCount.incrementAndGet();
        if (failures.size() < 200) {
            failures.add((request == null ? "" : request.brief() + "\n    → ") + message);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "…" : body;
    }

    // ---------------------------------------------------------------- sending

    private Answer send(Sent request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.uri()))
                .timeout(Duration.ofSeconds(30));
        request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
        HttpRequest.BodyPublisher publisher = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8);
        builder.method(request.method(), publisher);
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().map(), response.body());
    }

    /** Bytes the JDK client refuses to send (bad percent escapes, lying Content-Length, …) go over a plain socket. */
    private Answer sendRaw(Sent request) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.raw().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = response.indexOf("\r\n\r\n");
            String head = headerEnd < 0 ? response : response.substring(0, headerEnd);
            String body = headerEnd < 0 ? "" : response.substring(headerEnd + 4);
            String[] lines = head.split("\r\n");
            String[] statusLine = lines[0].split(" ");
            if (statusLine.length < 2) {
                throw new IOException("no status line: " + abbreviate(response));
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int l = 1; l < lines.length; l++) {
                int colon = lines[l].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(lines[l].substring(0, colon).trim(), k -> new ArrayList<>())
                            .add(lines[l].substring(colon + 1).trim());
                }
            }
            if ("chunked".equalsIgnoreCase(String.valueOf(headers.getOrDefault("Transfer-Encoding",
                    List.of("")).get(0)))) {
                body = dechunk(body);
            }
            return new Answer(Integer.parseInt(statusLine[1]), headers, body);
        }
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            // sizes are in bytes; the bodies are ASCII JSON here
            out.append(body, start, Math.min(body.length(), start + size));
            at = start + size + 2;
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- building

    private static final String[] HOSTILE_STRINGS = {
            "", " ", "\u0000", "a\u0000b", "\u0001\u0002\u0003\u001f", "\t\r\n", "\u202e\u200b\ufeff", "😀🔥𝕏",
            "\ud800", "\udfff", "ｓｅｌｅｃｔ", "Ω≈ç√∫", "' OR '1'='1", "'; DROP TABLE settlements; --",
            "\" OR \"\"=\"", "1; SELECT pg_sleep(5)", "%' AND 1=1 AND '%'='", "\\", "\\\\", "\\u0000", "../../../etc/passwd",
            "..\\..\\windows\\win.ini", "/etc/passwd%00", "${jndi:ldap://127.0.0.1/a}", "#{7*7}", "{{7*7}}",
            "<script>alert(1)</script>", "\"}],\"x\":{\"", "{\"$gt\":\"\"}", "$.items[*]", "null", "true", "0", "-1",
            "NaN", "Infinity", "1e309", "0x10", "2026-02-30T25:61:61Z", "9999-12-31T23:59:59Z", "0000-00-00",
            "not-a-uuid", "00000000-0000-0000-0000-000000000000", "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ",
            "%s%s%s%n", "%00", "%", "%zz", "+", "&limit=1", "?", "#", ";", "*", "\u00a0", "Ｆｕｌｌ",
            "https://127.0.0.1:1/x", "http://[::1]/", "javascript:alert(1)", "file:///etc/passwd", "a@b",
            "dvp-standard", "DVP-STANDARD", "0x" + "f".repeat(40), "0x" + "g".repeat(40)};

    private static final String[] HOSTILE_NUMBERS = {"0", "-1", "-0", "1", "2147483647", "2147483648",
            "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "1" + "0".repeat(78), "9".repeat(79), "1e308", "1e309", "-1e309", "1.5", "0.0000000000000001",
            "1E+400", "123456789012345678901234567890.123456789"};

    private static final String[] QUANTITIES = {"0", "-1", "-0.5", "1e3", "1E+78", "NaN", "Infinity", "-Infinity",
            "9".repeat(78), "9".repeat(79), "1" + "0".repeat(100), "0." + "0".repeat(100) + "1", "1.", ".5",
            "1,000", " 1", "1 ", "0x10", "１２３", "1" + "0".repeat(78) + ".5", "00001", "+1", "1..2"};

    private static final String[] GENERIC_PARAMS = {"limit", "offset", "starting_after", "status", "state", "type",
            "created_after", "created_before", "date_from", "date_to", "platform_id", "environment_id", "period",
            "older_than", "is_active", "wallet_address", "instrument_id", "chain_id", "x", "limit[]", ""};

    private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE",
            "FOO", "PROPFIND"};

    private static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz", "application/json; charset=latin1", "application/json; charset=bogus",
            "application/json; charset=utf-16", "application/json;;;", "*/*", "application/*", "json",
            "application/problem+json", "application/json-patch+json", "application/merge-patch+json", "text/json",
            "application/vnd.api+json", "", "application/json; boundary=\"", "application/json, text/plain"};

    private static final String[] ACCEPTS = {"application/xml", "text/html", "image/png", "*/*;q=garbage",
            "application/json;q=0", "text/event-stream", "", "application/problem+json", "application/*"};

    private String hostileString(Random random) {
        int pick = random.nextInt(20);
        if (pick == 0) {
            return "x".repeat(1 + random.nextInt(10_000));
        }
        if (pick == 1) {
            return randomUnicode(random, 1 + random.nextInt(300));
        }
        if (pick == 2 && !fixture.victim.isEmpty()) {
            return pickValue(fixture.victim, random);
        }
        if (pick == 3) {
            return pickValue(fixture.own, random);
        }
        return HOSTILE_STRINGS[random.nextInt(HOSTILE_STRINGS.length)];
    }

    private static String randomUnicode(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x20 + random.nextInt(0x5f);
                case 2 -> 0x80 + random.nextInt(0xd7ff - 0x80);
                default -> 0x10000 + random.nextInt(0x10000);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    private static String pickValue(Map<String, String> values, Random random) {
        List<String> list = new ArrayList<>(values.values());
        return list.get(random.nextInt(list.size()));
    }

    private JsonNode hostileValue(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 8 : 10)) {
            case 0 -> NODES.stringNode(hostileString(random));
            case 1 -> NODES.stringNode(QUANTITIES[random.nextInt(QUANTITIES.length)]);
            case 2 -> JSON.readTree(HOSTILE_NUMBERS[random.nextInt(HOSTILE_NUMBERS.length)].replace("1e309", "1e30"));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.stringNode(UUID.randomUUID().toString());
            case 6 -> NODES.numberNode(random.nextLong());
            case 7 -> NODES.stringNode(hostileString(random));
            case 8 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(hostileValue(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(hostileString(random), hostileValue(random, depth + 1));
                }
                yield object;
            }
        };
    }

    /** A plausible value of a schema (resolving {@code $ref}s against the document's components). */
    private JsonNode example(JsonNode schema, Random random, int depth) {
        schema = resolve(schema);
        if (schema == null || depth > 6) {
            return NODES.stringNode("x");
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode options = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
            return example(options.get(random.nextInt(options.size())), random, depth + 1);
        }
        String type = typeOf(schema);
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                JsonNode properties = schema.get("properties");
                if (properties != null) {
                    for (Map.Entry<String, JsonNode> p : properties.properties()) {
                        object.set(p.getKey(), example(p.getValue(), random, depth + 1));
                    }
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(example(schema.get("items"), random, depth + 1));
                yield array;
            }
            case "integer" -> NODES.numberNode(1 + random.nextInt(100));
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> {
                String format = schema.has("format") ? schema.get("format").asString() : "";
                yield switch (format) {
                    case "uuid" -> NODES.stringNode(random.nextBoolean() ? UUID.randomUUID().toString()
                            : pickValue(fixture.own, random));
                    case "date-time" -> NODES.stringNode("2030-01-01T00:00:00Z");
                    case "uri" -> NODES.stringNode("https://hooks.example.com/fuzz");
                    case "email" -> NODES.stringNode("fuzz-" + random.nextInt(1_000_000) + "@example.com");
                    default -> NODES.stringNode(random.nextBoolean() ? "fuzz-" + random.nextInt(1_000_000)
                            : "1000.5");
                };
            }
        };
    }

    private JsonNode components;

    void components(JsonNode components) {
        this.components = components;
    }

    private JsonNode resolve(JsonNode schema) {
        for (int i = 0; schema != null && schema.has("$ref") && i < 10; i++) {
            String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
            schema = components == null ? null : components.path("schemas").get(name);
        }
        return schema;
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? "object" : "string";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
            return "string";
        }
        return type.asString();
    }

    /** Replaces one randomly chosen leaf (or container) of a valid body with a hostile value. */
    private void mutateOneField(JsonNode node, Random random) {
        List<Object[]> slots = new ArrayList<>();
        collect(node, slots);
        if (slots.isEmpty()) {
            return;
        }
        Object[] slot = slots.get(random.nextInt(slots.size()));
        JsonNode value = hostileValue(random, 0);
        if (slot[0] instanceof ObjectNode object) {
            if (random.nextInt(8) == 0) {
                object.remove((String) slot[1]);
            } else {
                object.set((String) slot[1], value);
            }
        } else if (slot[0] instanceof ArrayNode array) {
            array.set((Integer) slot[1], value);
        }
    }

    private static void collect(JsonNode node, List<Object[]> slots) {
        if (node instanceof ObjectNode object) {
            for (Iterator<String> names = object.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                slots.add(new Object[] {object, name});
                collect(object.get(name), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Object[] {array, i});
                collect(array.get(i), slots);
            }
        }
    }

    private static String nested(Random random) {
        int depth = 100 + random.nextInt(random.nextBoolean() ? 2_000 : 60_000);
        boolean arrays = random.nextBoolean();
        StringBuilder s = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            s.append(arrays ? "[" : "{\"a\":");
        }
        s.append("1");
        for (int i = 0; i < depth; i++) {
            s.append(arrays ? "]" : "}");
        }
        return s.toString();
    }

    private String brokenJson(String valid, Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> valid.substring(0, random.nextInt(Math.max(1, valid.length())));
            case 1 -> valid + random.nextInt(10);
            case 2 -> valid.replace("\"", "'");
            case 3 -> valid.replaceFirst("}$", ",}");
            case 4 -> "\ufeff" + valid;
            case 5 -> valid.replaceFirst("\\{", "{\"a\":1,\"a\":2,");
            case 6 -> valid.replaceFirst("\\{", "{/* c */");
            case 7 -> "{\"x\": NaN}";
            case 8 -> randomUnicode(random, 1 + random.nextInt(200));
            case 9 -> "";
            case 10 -> "null";
            case 11 -> "[" + valid + "]";
            case 12 -> "\"" + valid.replace("\"", "\\\"") + "\"";
            case 13 -> valid + valid;
            case 14 -> valid.replaceFirst(":", ":\u0000");
            default -> {
                char[] chars = valid.toCharArray();
                if (chars.length > 0) {
                    chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
                }
                yield new String(chars);
            }
        };
    }

    private static String encodeSegment(String value) {
        StringBuilder s = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                s.append((char) c);
            } else {
                s.append('%').append(String.format("%02X", c));
            }
        }
        return s.toString();
    }

    /** The fixture key of a path variable: {@code id} names a different resource under each collection. */
    static String key(String pattern, String variable) {
        if (!variable.equals("id")) {
            return variable;
        }
        String[] segments = pattern.split("/");
        String collection = segments.length > 2 ? segments[2] : "";
        if (collection.equals("admin") && segments.length > 3) {
            collection = segments[3];
        } else if (collection.equals("platforms") && segments.length > 4 && segments[3].equals("me")) {
            collection = segments[4];
        }
        return "id:" + collection;
    }

    private String pathValue(String pattern, String variable, Random random, List<String> mutations) {
        String key = key(pattern, variable);
        int pick = random.nextInt(10);
        if (pick < 3) {
            String own = fixture.own.get(key);
            if (own != null) {
                return own;
            }
        }
        if (pick < 5) {
            String victim = fixture.victim.get(key);
            if (victim != null) {
                mutations.add("victim-id");
                return victim;
            }
        }
        if (pick < 6) {
            return UUID.randomUUID().toString();
        }
        mutations.add("path-hostile");
        return switch (random.nextInt(8)) {
            case 0 -> UUID.randomUUID().toString().toUpperCase();
            case 1 -> UUID.randomUUID().toString().replace("-", "");
            case 2 -> HOSTILE_NUMBERS[random.nextInt(HOSTILE_NUMBERS.length)];
            default -> {
                String s = hostileString(random);
                yield s.isEmpty() ? "%20" : s;
            }
        };
    }

    private Sent build(long index, Endpoint endpoint, Random random) {
        List<String> mutations = new ArrayList<>();
        String method = endpoint.method();
        boolean operator = endpoint.operator();
        Map<String, List<String>> headers = new LinkedHashMap<>();

        // Path variables
        Matcher matcher = VARIABLE.matcher(endpoint.pattern());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(
                    encodeSegment(pathValue(endpoint.pattern(), matcher.group(1), random, mutations))));
        }
        matcher.appendTail(path);

        // Query parameters
        List<String> query = new ArrayList<>();
        if (random.nextInt(3) == 0 || (method.equals("GET") && random.nextBoolean())) {
            mutations.add("query");
            List<String> names = new ArrayList<>(endpoint.queryParams());
            names.addAll(List.of(GENERIC_PARAMS));
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                String name = names.get(random.nextInt(names.size()));
                String value = switch (random.nextInt(6)) {
                    case 0 -> HOSTILE_NUMBERS[random.nextInt(HOSTILE_NUMBERS.length)];
                    case 1 -> new String[] {"-1", "0", "99999", "abc", "", "1.5", "201", "1e2"}[random.nextInt(8)];
                    case 2 -> new String[] {"2026-13-45", "yesterday", "2026-01-01T00:00:00", "1700000000",
                            "2026-01-01T00:00:00+99:00", "+999999999-12-31T23:59:59Z", "P1D", "-P1D", "PT-1S",
                            "P99999999999D", "24h", "2026-01-01"}[random.nextInt(12)];
                    case 3 -> random.nextBoolean() ? pickValue(fixture.victim, random) : pickValue(fixture.own, random);
                    default -> hostileString(random);
                };
                if (value.length() > 2000) {
                    value = value.substring(0, 2000);
                }
                query.add(encodeSegment(name) + (random.nextInt(10) == 0 ? "" : "=" + encodeSegment(value)));
                if (random.nextInt(6) == 0) {
                    query.add(encodeSegment(name) + "=" + encodeSegment(hostileString(random)));
                }
            }
        }

        // Method
        if (random.nextInt(12) == 0) {
            mutations.add("method");
            method = METHODS[random.nextInt(METHODS.length)];
        }

        // Token
        String token = operator ? fixture.operatorToken : fixture.platformToken;
        if (random.nextInt(40) == 0) {
            mutations.add("auth");
            switch (random.nextInt(5)) {
                case 0 -> headers.put("Authorization", List.of("Bearer " + token, "Bearer " + token));
                case 1 -> headers.put("Authorization", List.of("Bearer " + token.substring(0, token.length() - 3)
                        + "AAA"));
                case 2 -> headers.put("Authorization", List.of("Basic " + token));
                case 3 -> headers.put("Authorization", List.of("Bearer " + headerSafe(hostileString(random))));
                default -> headers.put("Authorization", List.of("Bearer " + (operator ? fixture.platformToken
                        : fixture.operatorToken)));
            }
        } else {
            headers.put("Authorization", List.of("Bearer " + token));
        }

        // Headers
        if (random.nextInt(5) == 0) {
            mutations.add("headers");
            for (int n = 1 + random.nextInt(2); n > 0; n--) {
                String name = new String[] {"Idempotency-Key", "Keystone-Version", "X-Keystone-Environment",
                        "X-Request-Id", "Accept", "X-Forwarded-For", "Accept-Charset", "If-None-Match", "Range",
                        "Accept-Encoding"}[random.nextInt(10)];
                String value = switch (name) {
                    case "Keystone-Version" -> new String[] {"2026-13-45", "garbage", "", "2026-11-01",
                            "1999-01-01", "2026-11-01, 2026-11-01", "9999-99-99"}[random.nextInt(7)];
                    case "Accept" -> ACCEPTS[random.nextInt(ACCEPTS.length)];
                    case "X-Forwarded-For" -> new String[] {"1.2.3.4", "garbage", "::1, 999.1.1.1", ""}[
                            random.nextInt(4)];
                    case "Range" -> "bytes=0-1,-5";
                    case "Accept-Encoding" -> "gzip;q=bogus, br";
                    default -> random.nextInt(4) == 0 ? "k".repeat(random.nextInt(5000)) : hostileString(random);
                };
                value = headerSafe(value);
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                if (random.nextInt(4) == 0) {
                    headers.get(name).add(headerSafe(hostileString(random)));
                }
            }
        }

        // Body
        String body = null;
        boolean hasBody = !method.equals("GET") && !method.equals("DELETE") && !method.equals("HEAD")
                && !method.equals("OPTIONS") && !method.equals("TRACE") && !method.equals("CONNECT");
        if (!hasBody && random.nextInt(20) == 0 && !method.equals("TRACE") && !method.equals("CONNECT")) {
            hasBody = true;
            mutations.add("body-on-" + method);
        }
        if (hasBody) {
            JsonNode valid = endpoint.bodySchema() == null ? NODES.objectNode()
                    : example(endpoint.bodySchema(), random, 0);
            int kind = random.nextInt(100);
            if (kind < 10) {
                mutations.add("body-valid");
                body = JSON.writeValueAsString(valid);
            } else if (kind < 45) {
                mutations.add("body-field");
                for (int n = 1 + (random.nextInt(4) == 0 ? random.nextInt(4) : 0); n > 0; n--) {
                    mutateOneField(valid, random);
                }
                body = JSON.writeValueAsString(valid);
            } else if (kind < 55) {
                mutations.add("body-extra-field");
                if (valid instanceof ObjectNode object) {
                    object.set(random.nextBoolean() ? hostileString(random) : "id", hostileValue(random, 0));
                }
                body = JSON.writeValueAsString(valid);
            } else if (kind < 70) {
                mutations.add("body-broken");
                body = brokenJson(JSON.writeValueAsString(valid), random);
            } else if (kind < 76) {
                mutations.add("body-wrong-root");
                body = JSON.writeValueAsString(hostileValue(random, 3));
            } else if (kind < 79) {
                mutations.add("body-nested");
                body = nested(random);
            } else if (kind < 81) {
                mutations.add("body-huge");
                int size = random.nextBoolean() ? 1_048_576 + 1 + random.nextInt(100_000) : 900_000;
                if (valid instanceof ObjectNode object && object.size() > 0) {
                    String field = object.propertyNames().iterator().next();
                    object.put(field, "é".repeat(size / 2));
                    body = JSON.writeValueAsString(object);
                } else {
                    body = "{\"x\":\"" + "a".repeat(size) + "\"}";
                }
            } else if (kind < 84) {
                mutations.add("body-raw");
                return rawRequest(index, method, path.toString(), query, token, random, mutations);
            } else {
                mutations.add("body-field-string");
                if (valid instanceof ObjectNode object && object.size() > 0) {
                    List<String> names = new ArrayList<>();
                    object.propertyNames().forEach(names::add);
                    object.put(names.get(random.nextInt(names.size())), hostileString(random));
                }
                body = JSON.writeValueAsString(valid);
            }
            if (random.nextInt(10) == 0) {
                mutations.add("content-type");
                String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
                if (!type.isEmpty()) {
                    headers.put("Content-Type", List.of(type));
                }
            } else {
                headers.put("Content-Type", random.nextInt(30) == 0
                        ? List.of("application/json", "text/plain") : List.of("application/json"));
            }
        }
        if (mutations.isEmpty()) {
            mutations.add("plain");
        }
        String uri = "http://" + host + ":" + port + path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        return new Sent(index, method, uri, headers, body, null, String.join(",", mutations));
    }

    private static String headerSafe(String value) {
        // The JDK client refuses control characters in header values; the raw socket mode covers those.
        return value.replaceAll("[\\x00-\\x1f\\x7f]", "?").replaceAll("[^\\x20-\\xff]", "?").strip();
    }

    /** Requests only a socket can send: broken escapes, lying lengths, control bytes, bad chunking. */
    private Sent rawRequest(long index, String method, String path, List<String> query, String token, Random random,
            List<String> mutations) {
        String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        String body = "{\"a\":1}";
        String contentLength = String.valueOf(body.length());
        String extraHeaders = "";
        String transfer = null;
        switch (random.nextInt(10)) {
            case 0 -> target = path + "/%zz%";
            case 1 -> target = path + "?limit=%G1&offset=%";
            case 2 -> target = path.replaceFirst("/v1", "/v1/./../v1") ;
            case 3 -> target = path + "/%2e%2e/%2e%2e/";
            case 4 -> contentLength = String.valueOf(body.length() + 1000);
            case 5 -> contentLength = "-5";
            case 6 -> contentLength = "abc";
            case 7 -> transfer = "0x10\r\n" + body + "\r\nZ\r\n\r\n";
            case 8 -> extraHeaders = "Keystone-Version: \u0001\u0002\r\nIdempotency-Key: \u00ff\u00fe\u0007\r\n";
            default -> target = path + ";jsessionid=x;a=b";
        }
        mutations.add("raw");
        StringBuilder raw = new StringBuilder();
        raw.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        raw.append("Host: ").append(host).append(':').append(port).append("\r\n");
        raw.append("Authorization: Bearer ").append(token).append("\r\n");
        raw.append("Content-Type: application/json\r\n");
        raw.append("Connection: close\r\n");
        raw.append(extraHeaders);
        if (transfer != null) {
            raw.append("Transfer-Encoding: chunked\r\n\r\n").append(transfer);
        } else {
            raw.append("Content-Length: ").append(contentLength).append("\r\n\r\n").append(body);
        }
        return new Sent(index, method, "http://" + host + ":" + port + target, Map.of(), null, raw.toString(),
                String.join(",", mutations));
    }

    String report(long elapsedMillis) {
        StringBuilder s = new StringBuilder();
        s.append("Fuzzing: ").append(sent.get()).append(" requests answered over ").append(endpoints.size())
                .append(" endpoints in ").append(elapsedMillis / 1000.0).append(" s (seed ").append(seed)
                .append("), ").append(failureCount.get()).append(" failures, ").append(activityEchoes.get())
                .append(" activity entries echoing the fuzzer's own earlier requests\n");
        s.append("Request heads: largest ").append(largestHead.get()).append(" bytes; over 8 KiB ")
                .append(headsOver[0].get()).append(", over 16 KiB ").append(headsOver[1].get()).append(", over 32 KiB ")
                .append(headsOver[2].get()).append('\n');
        s.append("Statuses: ").append(new TreeMap<>(statuses)).append('\n');
        s.append("Codes: ").append(new TreeMap<>(codes)).append('\n');
        s.append("Mutations: ").append(new TreeMap<>(mutationCounts)).append('\n');
        synchronized (failures) {
            for (String failure : failures) {
                s.append("FAIL ").append(failure).append('\n');
            }
        }
        return s.toString();
    }
}
