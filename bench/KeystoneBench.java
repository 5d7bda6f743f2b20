import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Load benchmark for a KeyStone OS server, JDK only (java.net.http + virtual threads), run in source-launch mode:
 *
 * <pre>
 *   java bench/KeystoneBench.java instructions --base-url http://127.0.0.1:18181 \
 *       --acme-client-id ksc_… --acme-client-secret kss_… --concurrency 16 --warmup 5 --duration 30
 *   java bench/KeystoneBench.java settlements  … --beta-client-id ksc_… --beta-client-secret kss_…
 *   java bench/KeystoneBench.java webhooks     … (same credentials as settlements; the server must allow
 *       loopback webhook targets: --keystone.webhooks.allow-private-targets=true)
 *   java bench/KeystoneBench.java listget      … --ids-file ids.txt (Acme's credentials only; see
 *       bench/large-table.sh, which fills a database with 10 M settlements)
 * </pre>
 *
 * Scenarios:
 * <ul>
 *   <li>{@code instructions}: C clients submit seller instructions (no trade reference, so they stay
 *       {@code pending_match}) back to back; measures the submit latency and throughput.</li>
 *   <li>{@code settlements}: C workers each run whole two-platform settlements back to back: Acme submits the seller
 *       instruction, Beta the matching buyer instruction (→ matched), both deposit their legs through the sandbox
 *       once the settlement is AWAITING_DEPOSITS, and the worker waits for FINALIZED. Measures settlements/s,
 *       end-to-end latency and the match latency (the buyer submit that creates the settlement). The worker learns
 *       the states by polling {@code GET /v1/settlements/{id}} ({@code --wait poll}, the default) or from webhooks
 *       to an in-process receiver ({@code --wait webhooks}, see {@link WaitMode}).</li>
 *   <li>{@code webhooks}: starts an in-process webhook receiver on 127.0.0.1, subscribes both platforms to every
 *       event, runs the settlements workload and measures the enqueue → delivered lag (arrival − payload
 *       {@code created_at}); then replays platform A's events of the whole run and measures how fast the server
 *       delivers them (deliveries/s). Signatures are checked on a sample of the requests.</li>
 *   <li>{@code listget}: C clients read as platform A, back to back, cycling through the query kinds of
 *       {@link ListGetKind} (first page, state filters, offset pages, a {@code starting_after} cursor, a one-day
 *       {@code created_after}/{@code created_before} window, and {@code GET /v1/settlements/{id}} for random ids from
 *       {@code --ids-file}); measures the rate and latency per kind. Read-only: meant for a large table.</li>
 * </ul>
 *
 * Only operations that <em>start</em> inside the measurement window (after the warm-up) are counted; the rate is
 * that count divided by the window length. The program talks only to the given (loopback) base URL, stops by
 * itself after warm-up + duration + a bounded drain, prints a final {@code RESULT …} line and exits 1 when the
 * error rate in the window is above {@code --max-error-rate} percent (default 1), 2 on a usage or setup failure.
 * Client secrets may be given as options or as environment variables (KEYSTONE_ACME_CLIENT_ID, …).
 */
public class KeystoneBench {

    static final long CHAIN_ID = 11155111L;
    static final String BOND = "BOND-2026-A";
    static final String CASH = "TUSDC";
    static final String BOND_QTY = "1000";
    static final String CASH_QTY = "99000.50";
    static final Set<String> TEMPLATES = Set.of("dvp-standard", "cross_platform_dvp", "fop-standard");

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        startWatchdog(options);
        int exit;
        try (Bench bench = new Bench(options)) {
            exit = switch (options.scenario) {
                case "instructions" -> bench.instructions();
                case "settlements" -> bench.settlements();
                case "webhooks" -> bench.webhooks();
                case "listget" -> bench.listget();
                default -> throw new IllegalStateException(options.scenario);
            };
        } catch (SetupException e) {
            System.err.println("setup failed: " + e.getMessage());
            exit = 2;
        }
        System.out.flush();
        System.exit(exit);
    }

    /** Last line of defence against a hung run: halt after setup allowance + warm-up + duration + drain + slack. */
    private static void startWatchdog(Options o) {
        // webhooks: the wait for the load's deliveries, then per replay round the wait for arrivals + a quiet wait
        long webhookSeconds = !o.scenario.equals("webhooks") ? 0
                : o.drainSeconds + (long) o.replayRounds * (o.replayWaitSeconds + o.drainSeconds);
        long limitSeconds = 120 + o.warmupSeconds + o.durationSeconds + o.drainSeconds + webhookSeconds + 30;
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofSeconds(limitSeconds));
                System.err.println("watchdog: run exceeded " + limitSeconds + " s, halting");
                System.out.flush();
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException ignored) {
                // exiting normally
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Options

final class Options {

    static final String USAGE = """
            usage: java bench/KeystoneBench.java <instructions|settlements|webhooks|listget> [options]
              --base-url URL              server (loopback only)             default http://127.0.0.1:18181
              --acme-client-id ID         platform A (seller) M2M client     env KEYSTONE_ACME_CLIENT_ID
              --acme-client-secret S                                         env KEYSTONE_ACME_CLIENT_SECRET
              --beta-client-id ID         platform B (buyer), settlements/webhooks  env KEYSTONE_BETA_CLIENT_ID
              --beta-client-secret S                                         env KEYSTONE_BETA_CLIENT_SECRET
              --audience A                token audience                     default https://api.keystoneos.xyz
              --concurrency N             clients / workers                  default 16
              --warmup S                  warm-up seconds (not measured)     default 5
              --duration S                measured seconds                   default 30
              --drain S                   max wait for in-flight work        default 30
              --template SLUG             dvp-standard|cross_platform_dvp|fop-standard   default dvp-standard
              --settle-timeout S          per settlement, submit → FINALIZED default 60
              --wait poll|webhooks        how settlements learns the states: polling GET /v1/settlements/{id},
                                          or one webhook each for AWAITING_DEPOSITS (Acme) and FINALIZED (Beta)
                                          (settlements only; needs private webhook targets)  default poll
              --poll-ms MS                first poll interval (doubles)      default 10
              --poll-max-ms MS            poll interval cap                  default 100
              --request-timeout S         per HTTP request                   default 30
              --max-error-rate PCT        exit 1 above this                  default 1
            webhooks only:
              --replay-rounds N           replays of A's events after the load (0: none)  default 3
              --replay-wait S             max wait for one replay's arrivals, and no new
                                          round once the rounds took this long   default 120
            webhooks, and settlements with --wait webhooks:
              --verify-every N            check X-Keystone-Signature on every Nth request  default 100
            listget only (Acme's credentials only):
              --ids-file FILE             settlement ids (one a line) to GET and to use as cursors  required
              --kinds K,K,…               query kinds, cycled by every client    default all:
                                          list_first,list_state_awaiting,list_state_rolled_back,list_offset_1k,
                                          list_offset_10k,list_cursor,list_day,get
              --page-limit N              limit of the list requests             default 20
              --span-days D               list_day picks a day in the last D days default 365
            any scenario:
              --server-pid PID            report the server process's CPU time in the measured window
                                          (server_cpu_s, server_cpu_ms_per_op) and how busy the machine was
            """;

    String scenario;
    URI baseUrl = URI.create("http://127.0.0.1:18181");
    String acmeId = System.getenv("KEYSTONE_ACME_CLIENT_ID");
    String acmeSecret = System.getenv("KEYSTONE_ACME_CLIENT_SECRET");
    String betaId = System.getenv("KEYSTONE_BETA_CLIENT_ID");
    String betaSecret = System.getenv("KEYSTONE_BETA_CLIENT_SECRET");
    String audience = "https://api.keystoneos.xyz";
    int concurrency = 16;
    int warmupSeconds = 5;
    int durationSeconds = 30;
    int drainSeconds = 30;
    String template = "dvp-standard";
    int settleTimeoutSeconds = 60;
    WaitMode waitMode = WaitMode.POLL;
    int pollMs = 10;
    int pollMaxMs = 100;
    int requestTimeoutSeconds = 30;
    double maxErrorRatePercent = 1.0;
    int replayRounds = 3;
    int replayWaitSeconds = 120;
    int verifyEvery = 100;
    String idsFile;
    List<ListGetKind> kinds = List.of(ListGetKind.values());
    int pageLimit = 20;
    int spanDays = 365;
    long serverPid;

    static Options parse(String[] args) {
        Options o = new Options();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "scenario" -> positional.add(value);
                case "base-url" -> o.baseUrl = URI.create(value.replaceAll("/+$", ""));
                case "acme-client-id" -> o.acmeId = value;
                case "acme-client-secret" -> o.acmeSecret = value;
                case "beta-client-id" -> o.betaId = value;
                case "beta-client-secret" -> o.betaSecret = value;
                case "audience" -> o.audience = value;
                case "concurrency" -> o.concurrency = positiveInt(name, value, 1, 10_000);
                case "warmup" -> o.warmupSeconds = positiveInt(name, value, 0, 3600);
                case "duration" -> o.durationSeconds = positiveInt(name, value, 1, 24 * 3600);
                case "drain" -> o.drainSeconds = positiveInt(name, value, 0, 3600);
                case "template" -> o.template = value;
                case "settle-timeout" -> o.settleTimeoutSeconds = positiveInt(name, value, 1, 3600);
                case "wait" -> o.waitMode = WaitMode.parse(value);
                case "poll-ms" -> o.pollMs = positiveInt(name, value, 1, 60_000);
                case "poll-max-ms" -> o.pollMaxMs = positiveInt(name, value, 1, 60_000);
                case "request-timeout" -> o.requestTimeoutSeconds = positiveInt(name, value, 1, 600);
                case "max-error-rate" -> o.maxErrorRatePercent = Double.parseDouble(value);
                case "replay-rounds" -> o.replayRounds = positiveInt(name, value, 0, 10);
                case "replay-wait" -> o.replayWaitSeconds = positiveInt(name, value, 1, 3600);
                case "verify-every" -> o.verifyEvery = positiveInt(name, value, 1, 1_000_000);
                case "ids-file" -> o.idsFile = value;
                case "kinds" -> o.kinds = ListGetKind.parse(value);
                case "page-limit" -> o.pageLimit = positiveInt(name, value, 1, 200);
                case "span-days" -> o.spanDays = positiveInt(name, value, 1, 36500);
                case "server-pid" -> o.serverPid = positiveInt(name, value, 1, Integer.MAX_VALUE);
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        if (positional.size() != 1) {
            throw new IllegalArgumentException("give exactly one scenario: instructions, settlements, webhooks or listget");
        }
        o.scenario = positional.getFirst();
        if (!Set.of("instructions", "settlements", "webhooks", "listget").contains(o.scenario)) {
            throw new IllegalArgumentException("unknown scenario " + o.scenario);
        }
        if (o.waitMode == WaitMode.WEBHOOKS && !o.scenario.equals("settlements")) {
            // The webhooks scenario subscribes to every event itself and measures them; a second set of endpoints
            // would change what it measures. The other scenarios wait for nothing.
            throw new IllegalArgumentException("--wait webhooks is for the settlements scenario only");
        }
        if (!KeystoneBench.TEMPLATES.contains(o.template)) {
            throw new IllegalArgumentException("--template must be one of " + KeystoneBench.TEMPLATES);
        }
        requireLoopback(o.baseUrl);
        require(o.acmeId, "--acme-client-id");
        require(o.acmeSecret, "--acme-client-secret");
        if (o.scenario.equals("listget")) {
            require(o.idsFile, "--ids-file");
        } else if (!o.scenario.equals("instructions")) {
            require(o.betaId, "--beta-client-id");
            require(o.betaSecret, "--beta-client-secret");
        }
        o.pollMaxMs = Math.max(o.pollMaxMs, o.pollMs);
        return o;
    }

    private static void requireLoopback(URI url) {
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException("--base-url must be an http(s) URL, got " + url);
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("--base-url must point at this machine (loopback), "
                            + url.getHost() + " resolves to " + address.getHostAddress());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve " + url.getHost() + ": " + e.getMessage());
        }
    }

    private static void require(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " is required");
        }
    }

    private static int positiveInt(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException("--" + name + " must be in " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got " + value);
        }
    }
}

/**
 * How the settlements scenario learns that a settlement reached AWAITING_DEPOSITS and FINALIZED. Polling costs the
 * server about 13 {@code GET}s per settlement (a third of its CPU there); a real platform would listen for webhooks.
 */
enum WaitMode {
    /** {@code GET /v1/settlements/{id}} every {@code --poll-ms}, doubling up to {@code --poll-max-ms}. */
    POLL,
    /**
     * Acme's endpoint gets {@code settlement.state.awaiting_deposits}, Beta's {@code settlement.state.finalized}, both
     * on the in-process {@link Receiver}: two deliveries per settlement, and one GET per platform for its deposit
     * secrets.
     */
    WEBHOOKS;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static WaitMode parse(String value) {
        return switch (value) {
            case "poll" -> POLL;
            case "webhooks" -> WEBHOOKS;
            default -> throw new IllegalArgumentException("--wait must be poll or webhooks, got " + value);
        };
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The scenarios

final class Bench implements AutoCloseable {

    private final Options o;
    private final ExecutorService httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    Bench(Options options) {
        this.o = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
    }

    @Override
    public void close() {
        http.shutdownNow();
        httpExecutor.shutdownNow();
    }

    // ---- scenario: instructions -----------------------------------------------------------------------------

    int instructions() throws Exception {
        String acme = token(o.acmeId, o.acmeSecret, "acme");
        Window window = new Window(o);
        Histogram latency = new Histogram();
        Errors errors = new Errors();

        header("instructions", window);
        runWorkers(window, errors, worker -> {
            String wallet = Wallets.random();
            long seq = 0;
            while (true) {
                long start = System.nanoTime();
                if (start >= window.end) {
                    return;
                }
                boolean measured = start >= window.warmEnd;
                String key = "bench-" + runId + "-i-" + worker + "-" + seq++;
                try {
                    Res r = post("/v1/instructions", acme, Instructions.seller(key, null, o.template,
                            "Bench Seller " + worker, wallet));
                    if (r.status == 201 && "pending_match".equals(r.str("status"))) {
                        if (measured) {
                            latency.add(r.nanos);
                        }
                    } else {
                        errors.add(window, measured, r.label("submit"));
                    }
                } catch (IOException e) {
                    errors.add(window, measured, "submit:io:" + e.getClass().getSimpleName());
                } catch (RuntimeException e) {
                    errors.add(window, measured, "submit:client:" + e.getClass().getSimpleName());
                }
            }
        });

        long count = latency.count();
        double rate = count / (double) o.durationSeconds;
        long[] sorted = latency.sorted();
        Report report = new Report("instructions", o, count, rate, errors);
        System.out.printf(Locale.ROOT, "count            %d submitted instructions (201 pending_match)%n", count);
        System.out.printf(Locale.ROOT, "throughput       %.1f instructions/s%n", rate);
        System.out.printf(Locale.ROOT, "latency (ms)     p50 %s   p90 %s   p99 %s   max %s   mean %s%n",
                ms(Histogram.percentile(sorted, 50)), ms(Histogram.percentile(sorted, 90)),
                ms(Histogram.percentile(sorted, 99)), ms(Histogram.max(sorted)), ms(Histogram.mean(sorted)));
        report.latency("", sorted);
        return report.finish();
    }

    // ---- scenario: listget ----------------------------------------------------------------------------------

    /**
     * Reads only: every client cycles through the query kinds (starting at a different one), so each kind gets
     * about the same number of requests and load. A list answer must be 200 with {@code items} and {@code total};
     * a GET answer 200 with the requested id.
     */
    int listget() throws Exception {
        List<String> ids = readIds(o.idsFile);
        String acme = token(o.acmeId, o.acmeSecret, "acme");
        Window window = new Window(o);
        Map<ListGetKind, Histogram> latency = new java.util.EnumMap<>(ListGetKind.class);
        Map<ListGetKind, AtomicLong> totals = new ConcurrentHashMap<>();
        for (ListGetKind kind : o.kinds) {
            latency.put(kind, new Histogram());
        }
        Histogram all = new Histogram();
        Errors errors = new Errors();
        Instant now = Instant.now();

        header("listget", window);
        System.out.printf(Locale.ROOT, "ids              %d from %s; kinds %s; page limit %d%n", ids.size(), o.idsFile,
                o.kinds, o.pageLimit);
        runWorkers(window, errors, worker -> {
            int next = worker % o.kinds.size();
            while (true) {
                long start = System.nanoTime();
                if (start >= window.end) {
                    return;
                }
                boolean measured = start >= window.warmEnd;
                ListGetKind kind = o.kinds.get(next);
                next = (next + 1) % o.kinds.size();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String id = ids.get(random.nextInt(ids.size()));
                String path = kind.path(id, o.pageLimit, now, o.spanDays, random);
                try {
                    Res r = get(path, acme);
                    boolean ok = r.status == 200 && (kind == ListGetKind.GET
                            ? id.equals(r.str("id"))
                            : r.json().get("items") instanceof List<?> && r.json().get("total") != null);
                    if (ok) {
                        if (measured) {
                            latency.get(kind).add(r.nanos);
                            all.add(r.nanos);
                        }
                        if (kind != ListGetKind.GET) {
                            totals.computeIfAbsent(kind, k -> new AtomicLong())
                                    .set(Long.parseLong(r.json().get("total").toString()));
                        }
                    } else {
                        errors.add(window, measured, r.label(kind.label()));
                    }
                } catch (IOException e) {
                    errors.add(window, measured, kind.label() + ":io:" + e.getClass().getSimpleName());
                } catch (RuntimeException e) {
                    errors.add(window, measured, kind.label() + ":client:" + e.getClass().getSimpleName());
                }
            }
        });

        long count = all.count();
        double rate = count / (double) o.durationSeconds;
        Report report = new Report("listget", o, count, rate, errors);
        report.remove("template");
        System.out.printf(Locale.ROOT, "%-24s %8s %9s %9s %9s %9s %9s   %s%n", "kind (ms)", "count", "rate/s", "p50",
                "p90", "p99", "max", "last total");
        for (ListGetKind kind : o.kinds) {
            long[] sorted = latency.get(kind).sorted();
            AtomicLong total = totals.get(kind);
            System.out.printf(Locale.ROOT, "%-24s %8d %9.1f %9s %9s %9s %9s   %s%n", kind.label(), sorted.length,
                    sorted.length / (double) o.durationSeconds, ms(Histogram.percentile(sorted, 50)),
                    ms(Histogram.percentile(sorted, 90)), ms(Histogram.percentile(sorted, 99)),
                    ms(Histogram.max(sorted)), total == null ? "" : total.get());
            report.put(kind.label() + "_rate", String.format(Locale.ROOT, "%.1f", sorted.length / (double) o.durationSeconds));
            report.latency(kind.label() + "_", sorted);
        }
        long[] sorted = all.sorted();
        System.out.printf(Locale.ROOT, "%-24s %8d %9.1f %9s %9s %9s %9s%n", "all", count, rate,
                ms(Histogram.percentile(sorted, 50)), ms(Histogram.percentile(sorted, 90)),
                ms(Histogram.percentile(sorted, 99)), ms(Histogram.max(sorted)));
        report.latency("", sorted);
        return report.finish();
    }

    private static List<String> readIds(String file) {
        try {
            List<String> ids = Files.readAllLines(Path.of(file)).stream()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (ids.isEmpty()) {
                throw new SetupException("no ids in " + file);
            }
            ids.forEach(UUID::fromString);
            return ids;
        } catch (IOException e) {
            throw new SetupException("cannot read --ids-file " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new SetupException("--ids-file " + file + " holds something that is not a uuid: " + e.getMessage());
        }
    }

    // ---- scenario: settlements ------------------------------------------------------------------------------

    /** With {@code --wait webhooks}: the one event type each platform's endpoint gets, one delivery per settlement. */
    private static final String AWAITING_DEPOSITS_EVENT = "settlement.state.awaiting_deposits";
    private static final String FINALIZED_EVENT = "settlement.state.finalized";

    int settlements() throws Exception {
        String acme = token(o.acmeId, o.acmeSecret, "acme");
        String beta = token(o.betaId, o.betaSecret, "beta");
        if (o.waitMode == WaitMode.POLL) {
            return settlementReport(settlementWorkload("settlements", acme, beta, null), null);
        }
        try (Receiver receiver = new Receiver(o.verifyEvery, true)) {
            String endpointA = null;
            String endpointB = null;
            SettlementRun run;
            try {
                endpointA = createEndpoint(acme, receiver, PATH_A, "A (Acme)", List.of(AWAITING_DEPOSITS_EVENT));
                endpointB = createEndpoint(beta, receiver, PATH_B, "B (Beta)", List.of(FINALIZED_EVENT));
                System.out.printf("webhook receiver %s, endpoints %s (A, events [\"%s\"]) and %s"
                        + " (B, events [\"%s\"])%n", receiver.url(""), endpointA, AWAITING_DEPOSITS_EVENT, endpointB,
                        FINALIZED_EVENT);
                run = settlementWorkload("settlements", acme, beta, receiver);
            } finally {
                deleteEndpoints(acme, endpointA, beta, endpointB);
            }
            return settlementReport(run, receiver);
        }
    }

    /**
     * The settlements report. With webhooks ({@code signals} not null) also the deliveries and signature checks;
     * receiver problems count as errors and a signature mismatch fails the run, as in the webhooks scenario.
     */
    private int settlementReport(SettlementRun run, Receiver signals) {
        if (signals != null) {
            countProblems(signals, run.errors());
        }
        Report report = new Report("settlements", o, run.count(), run.rate(), run.errors());
        run.print();
        report.latency("", run.endToEnd().sorted());
        report.latency("match_", run.match().sorted());
        if (signals == null) {
            return report.finish();
        }
        Window window = run.window();
        long deliveries = signals.arrivals().stream()
                .filter(a -> a.arrivedNanos() >= window.warmEnd && a.arrivedNanos() < window.end).count();
        System.out.printf(Locale.ROOT, "webhooks         %d deliveries arrived in the window, %.2f per settlement%n",
                deliveries, run.count() == 0 ? 0.0 : deliveries / (double) run.count());
        System.out.printf(Locale.ROOT, "signatures       %d checked (1 in %d requests), %d mismatches%n",
                signals.checked(), o.verifyEvery, signals.mismatches());
        report.put("webhook_deliveries", Long.toString(deliveries));
        report.put("signatures_checked", Long.toString(signals.checked()));
        report.put("signature_mismatches", Long.toString(signals.mismatches()));
        int exit = report.finish();
        if (signals.mismatches() > 0) {
            System.err.println("FAIL: " + signals.mismatches() + " X-Keystone-Signature mismatches");
            exit = 1;
        }
        return exit;
    }

    /** Receiver problems (unexpected requests, odd payloads) as errors of the measurement window, by label. */
    private static void countProblems(Receiver receiver, Errors errors) {
        receiver.problems().forEach((label, n) -> {
            for (long i = 0; i < n; i++) {
                errors.add(true, label);
            }
        });
    }

    /** What one run of the settlements workload measured; {@link #print()} writes the settlement report lines. */
    record SettlementRun(Options o, Window window, Histogram endToEnd, Histogram match, Errors errors) {
        long count() {
            return endToEnd.count();
        }

        double rate() {
            return count() / (double) o.durationSeconds;
        }

        void print() {
            long[] e2e = endToEnd.sorted();
            long[] m = match.sorted();
            System.out.printf(Locale.ROOT, "count            %d settlements FINALIZED (template %s)%n", count(),
                    o.template);
            System.out.printf(Locale.ROOT, "throughput       %.2f settlements/s%n", rate());
            System.out.printf(Locale.ROOT, "end to end (ms)  p50 %s   p90 %s   p99 %s   max %s   mean %s%n",
                    ms(Histogram.percentile(e2e, 50)), ms(Histogram.percentile(e2e, 90)),
                    ms(Histogram.percentile(e2e, 99)), ms(Histogram.max(e2e)), ms(Histogram.mean(e2e)));
            System.out.printf(Locale.ROOT,
                    "match (ms)       p50 %s   p90 %s   p99 %s   max %s   (buyer submit → matched)%n",
                    ms(Histogram.percentile(m, 50)), ms(Histogram.percentile(m, 90)),
                    ms(Histogram.percentile(m, 99)), ms(Histogram.max(m)));
        }
    }

    /**
     * The settlements workload: funds one seller and one buyer wallet per worker, then runs C workers doing whole
     * settlements back to back for warm-up + duration (+ drain), as described in the class comment. The workers
     * learn the states from {@code signals}' webhooks, or by polling when it is null.
     */
    private SettlementRun settlementWorkload(String scenario, String acme, String beta, Receiver signals)
            throws Exception {
        boolean withPayment = !o.template.equals("fop-standard");

        // One seller wallet (Acme) and one buyer wallet (Beta) per worker, funded before the clock starts.
        String[] sellerWallets = new String[o.concurrency];
        String[] buyerWallets = new String[o.concurrency];
        Errors setupErrors = new Errors();
        System.out.printf("funding %d seller and %d buyer wallets through the sandbox faucet…%n",
                o.concurrency, o.concurrency);
        try (ExecutorService setup = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < o.concurrency; w++) {
                int worker = w;
                sellerWallets[w] = Wallets.random();
                buyerWallets[w] = Wallets.random();
                setup.submit(() -> {
                    fund(acme, sellerWallets[worker], KeystoneBench.BOND, "1000000000000", setupErrors);
                    if (withPayment) {
                        fund(beta, buyerWallets[worker], KeystoneBench.CASH, "100000000000000", setupErrors);
                    }
                });
            }
        }
        if (setupErrors.total() > 0) {
            throw new SetupException("faucet: " + setupErrors.describe());
        }

        Window window = new Window(o);
        Histogram endToEnd = new Histogram();
        Histogram match = new Histogram();
        Errors errors = new Errors();

        header(scenario, window);
        runWorkers(window, errors, worker -> {
            long seq = 0;
            while (true) {
                long start = System.nanoTime();
                if (start >= window.end) {
                    return;
                }
                boolean measured = start >= window.warmEnd;
                String key = "bench-" + runId + "-s-" + worker + "-" + seq++;
                try {
                    long matchNanos = oneSettlement(acme, beta, key, worker, sellerWallets[worker],
                            buyerWallets[worker], start, window, signals);
                    if (measured) {
                        endToEnd.add(System.nanoTime() - start);
                        match.add(matchNanos);
                    }
                } catch (StepFailure f) {
                    errors.add(window, measured, f.getMessage());
                } catch (IOException e) {
                    errors.add(window, measured, "io:" + e.getClass().getSimpleName());
                } catch (RuntimeException e) {
                    errors.add(window, measured, "client:" + e.getClass().getSimpleName());
                }
            }
        });

        return new SettlementRun(o, window, endToEnd, match, errors);
    }

    // ---- scenario: webhooks ---------------------------------------------------------------------------------

    private static final String WEBHOOKS = "/v1/platforms/me/webhooks";
    private static final String PATH_A = "/acme";
    private static final String PATH_B = "/beta";

    int webhooks() throws Exception {
        String acme = token(o.acmeId, o.acmeSecret, "acme");
        String beta = token(o.betaId, o.betaSecret, "beta");
        Instant runStart = Instant.now();
        try (Receiver receiver = new Receiver(o.verifyEvery, false)) {
            String endpointA = null;
            String endpointB = null;
            WebhookRun result;
            try {
                endpointA = createEndpoint(acme, receiver, PATH_A, "A (Acme)", List.of("*"));
                endpointB = createEndpoint(beta, receiver, PATH_B, "B (Beta)", List.of("*"));
                System.out.printf("webhook receiver %s, endpoints %s (A) and %s (B), events [\"*\"]%n",
                        receiver.url(""), endpointA, endpointB);
                result = measureWebhooks(acme, beta, endpointA, endpointB, receiver, runStart);
            } finally {
                deleteEndpoints(acme, endpointA, beta, endpointB);
            }
            return result.report(receiver);
        }
    }

    /**
     * Creates an endpoint for the given event types (or patterns, {@code *}: every event) pointing at the receiver;
     * answers its id and registers its secret.
     */
    private String createEndpoint(String token, Receiver receiver, String path, String who, List<String> events)
            throws IOException {
        String eventsJson = events.stream().map(e -> "\"" + Json.escape(e) + "\"")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        Res r = post(WEBHOOKS, token, """
                {"url": "%s", "events": %s, "description": "KeystoneBench %s %s"}"""
                .formatted(receiver.url(path), eventsJson, runId, Json.escape(who)));
        String id = r.status == 201 ? r.str("id") : null;
        String secret = r.status == 201 ? r.str("secret") : null;
        if (id == null || secret == null) {
            throw new SetupException("POST " + WEBHOOKS + " for " + who + ": HTTP " + r.status + " " + r.body
                    + (r.status == 404 ? " (this server has no webhook endpoints API)" : "")
                    + (r.status == 422 || r.status == 400 ? " (loopback targets need the server option"
                            + " --keystone.webhooks.allow-private-targets=true)" : ""));
        }
        receiver.register(path, secret);
        return id;
    }

    /** Deletes both bench endpoints (a null id was never created), also after a failure; warns when one stays. */
    private void deleteEndpoints(String acme, String endpointA, String beta, String endpointB) {
        boolean deleted = deleteEndpoint(acme, endpointA, "A") & deleteEndpoint(beta, endpointB, "B");
        if (!deleted) {
            System.err.println("warning: a bench webhook endpoint could not be deleted (see above)");
        }
    }

    private boolean deleteEndpoint(String token, String id, String who) {
        if (id == null) {
            return true;
        }
        try {
            Res r = delete(WEBHOOKS + "/" + id, token);
            if (r.status / 100 == 2) {
                return true;
            }
            System.err.println("DELETE " + WEBHOOKS + "/" + id + " (" + who + "): HTTP " + r.status + " " + r.body);
        } catch (IOException | RuntimeException e) {
            System.err.println("DELETE " + WEBHOOKS + "/" + id + " (" + who + "): " + e);
        }
        return false;
    }

    /** One replay of A's events: how many the server re-enqueued, how many distinct ones arrived and when. */
    record Replay(long replayed, long arrived, long callNanos, long fromResponseNanos, long fromRequestNanos) {
    }

    /** Everything the webhooks scenario measured, and its report. */
    final class WebhookRun {
        SettlementRun load;
        long[] lag = new long[0];
        long eventsInWindow;
        long createdInWindow;
        final List<Replay> replays = new ArrayList<>();
        boolean replayIncomplete;

        int report(Receiver receiver) {
            Errors errors = load.errors();
            countProblems(receiver, errors);
            long replayed = replays.stream().mapToLong(Replay::replayed).sum();
            long arrived = replays.stream().mapToLong(Replay::arrived).sum();
            long fromResponse = replays.stream().mapToLong(Replay::fromResponseNanos).sum();
            long fromRequest = replays.stream().mapToLong(Replay::fromRequestNanos).sum();
            long maxCall = replays.stream().mapToLong(Replay::callNanos).max().orElse(0);
            double deliveriesPerSecond = fromResponse <= 0 ? 0 : arrived / (fromResponse / 1e9);
            double inclCallPerSecond = fromRequest <= 0 ? 0 : arrived / (fromRequest / 1e9);
            double eventsPerSecond = eventsInWindow / (double) o.durationSeconds;

            Report report = new Report("webhooks", o, load.count(), load.rate(), errors);
            load.print();
            System.out.printf(Locale.ROOT, "events           %d webhook deliveries arrived in the window (%.1f/s);"
                    + " %d deliveries (A and B) of events created in the window, %.1f per settlement%n", eventsInWindow,
                    eventsPerSecond, createdInWindow,
                    load.count() == 0 ? 0.0 : createdInWindow / (double) load.count());
            System.out.printf(Locale.ROOT, "lag (ms)         p50 %s   p90 %s   p99 %s   max %s   mean %s"
                    + "   (arrival − created_at, %d events)%n",
                    ms(Histogram.percentile(lag, 50)), ms(Histogram.percentile(lag, 90)),
                    ms(Histogram.percentile(lag, 99)), ms(Histogram.max(lag)), ms(Histogram.mean(lag)), lag.length);
            System.out.printf(Locale.ROOT, "deliveries       %.1f/s after the replay response"
                    + " (%.1f/s counting the replay call), %d of %d replayed events arrived in %d round(s)%n",
                    deliveriesPerSecond, inclCallPerSecond, arrived, replayed, replays.size());
            System.out.printf(Locale.ROOT, "signatures       %d checked (1 in %d requests), %d mismatches%n",
                    receiver.checked(), o.verifyEvery, receiver.mismatches());

            report.remove("count");
            report.remove("rate");
            report.put("settlements", Long.toString(load.count()));
            report.put("settlements_per_s", String.format(Locale.ROOT, "%.2f", load.rate()));
            report.put("events", Long.toString(eventsInWindow));
            report.put("events_per_s", String.format(Locale.ROOT, "%.1f", eventsPerSecond));
            report.latency("lag_", lag);
            report.put("replay_rounds", Integer.toString(replays.size()));
            report.put("replayed", Long.toString(replayed));
            report.put("arrived", Long.toString(arrived));
            report.put("deliveries_per_s", String.format(Locale.ROOT, "%.1f", deliveriesPerSecond));
            report.put("deliveries_per_s_incl_call", String.format(Locale.ROOT, "%.1f", inclCallPerSecond));
            report.put("replay_call_max_ms", ms(maxCall));
            report.put("signatures_checked", Long.toString(receiver.checked()));
            report.put("signature_mismatches", Long.toString(receiver.mismatches()));
            int exit = report.finish();
            if (receiver.mismatches() > 0) {
                System.err.println("FAIL: " + receiver.mismatches() + " X-Keystone-Signature mismatches");
                exit = 1;
            }
            if (arrived < replayed || replayIncomplete) {
                System.err.printf(Locale.ROOT, "FAIL: only %d of %d replayed events arrived%n", arrived, replayed);
                exit = 1;
            }
            if (o.replayRounds > 0 && replayed == 0) {
                System.err.println("FAIL: the replay re-enqueued no events");
                exit = 1;
            }
            if (lag.length == 0) {
                System.err.println("FAIL: no webhook for an event of the measurement window arrived");
                exit = 1;
            }
            return exit;
        }
    }

    private WebhookRun measureWebhooks(String acme, String beta, String endpointA, String endpointB,
            Receiver receiver, Instant runStart) throws Exception {
        WebhookRun run = new WebhookRun();
        // 1. Lag under load: the settlements workload, while the receiver records every arrival.
        run.load = settlementWorkload("webhooks", acme, beta, null);
        Errors errors = run.load.errors();
        Window window = run.load.window();
        System.out.println("waiting for the load's webhooks to be delivered…");
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drainSeconds);
        if (!awaitDelivered(acme, endpointA, receiver, PATH_A, drainDeadline)
                | !awaitDelivered(beta, endpointB, receiver, PATH_B, drainDeadline)) {
            errors.add(true, "webhooks:deliveries_pending_after_drain");
        }
        long windowFrom = Receiver.micros(window.wall(window.warmEnd));
        long windowTo = Receiver.micros(window.wall(window.end));
        Histogram lag = new Histogram();
        Set<String> seen = new java.util.HashSet<>();
        for (Receiver.Arrival a : receiver.arrivals()) {
            if (!seen.add(a.path() + " " + a.eventId())) {
                continue; // a repeated delivery of the same event: only the first arrival counts
            }
            if (a.createdMicros() >= windowFrom && a.createdMicros() < windowTo) {
                run.createdInWindow++;
                lag.add((a.arrivedMicros() - a.createdMicros()) * 1000);
            }
            if (a.arrivedNanos() >= window.warmEnd && a.arrivedNanos() < window.end) {
                run.eventsInWindow++;
            }
        }
        run.lag = lag.sorted();

        // 2. Throughput: replay A's events of the whole run, all at once, and time their arrival. Another round
        //    starts only while the rounds so far took less than --replay-wait in total.
        long replayStart = System.nanoTime();
        for (int round = 1; round <= o.replayRounds; round++) {
            if (round > 1 && System.nanoTime() - replayStart >= TimeUnit.SECONDS.toNanos(o.replayWaitSeconds)) {
                System.out.printf("no replay round %d: the rounds so far took more than %d s%n", round,
                        o.replayWaitSeconds);
                break;
            }
            String body = """
                    {"since": "%s", "until": "%s"}""".formatted(runStart.minus(Duration.ofMinutes(1)),
                    Instant.now().plus(Duration.ofMinutes(1)));
            receiver.beginRound(PATH_A);
            long sent = System.nanoTime();
            Res r;
            try {
                r = post(WEBHOOKS + "/" + endpointA + "/replay", acme, body);
            } catch (IOException e) {
                errors.add(true, "replay:io:" + e.getClass().getSimpleName());
                System.out.println("replay " + round + ": " + e);
                break;
            }
            long answered = System.nanoTime();
            String count = r.status / 100 == 2 ? r.str("replayed") : null;
            if (count == null) {
                errors.add(true, r.label("replay"));
                System.out.println("replay " + round + ": HTTP " + r.status + " " + r.body);
                break;
            }
            long replayed = new BigDecimal(count).longValueExact();
            long deadline = answered + TimeUnit.SECONDS.toNanos(o.replayWaitSeconds);
            long arrived = receiver.awaitRound(replayed, deadline);
            long last = receiver.roundLastArrival();
            long fromResponse = arrived == 0 ? 0 : Math.max(last - answered, 0);
            long fromRequest = arrived == 0 ? 0 : last - sent;
            if (fromResponse == 0 && arrived > 0) {
                fromResponse = fromRequest; // everything arrived before the response: count from the request
            }
            run.replays.add(new Replay(replayed, arrived, answered - sent, fromResponse, fromRequest));
            System.out.printf(Locale.ROOT, "replay %d         %d events re-enqueued (call %s ms), %d arrived,"
                    + " last %.2f s after the response → %.1f deliveries/s%n", round, replayed, ms(answered - sent),
                    arrived, fromResponse / 1e9, fromResponse == 0 ? 0.0 : arrived / (fromResponse / 1e9));
            if (arrived < replayed) {
                System.out.printf("replay %d: only %d of %d arrived within %d s; no further rounds%n", round, arrived,
                        replayed, o.replayWaitSeconds);
                run.replayIncomplete = true;
                break;
            }
            // The next replay resets the same deliveries; let the server record this round's successes first.
            if (!awaitDelivered(acme, endpointA, receiver, PATH_A,
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(o.drainSeconds))) {
                errors.add(true, "webhooks:replay_deliveries_pending_after_drain");
            }
        }
        return run;
    }

    private boolean warnedNoPendingFilter;

    /**
     * Waits until the endpoint has no pending delivery (from its delivery log) and the receiver has seen nothing on
     * {@code path} for a moment; answers false when the deadline passes first.
     */
    private boolean awaitDelivered(String token, String endpoint, Receiver receiver, String path, long deadline)
            throws IOException {
        while (true) {
            Boolean pending = hasPending(token, endpoint);
            long quietFor = pending == null ? TimeUnit.SECONDS.toNanos(2) : TimeUnit.MILLISECONDS.toNanos(300);
            if ((pending == null || !pending) && receiver.quietNanos(path) >= quietFor) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(200);
        }
    }

    /**
     * Whether the endpoint's delivery log (a page {@code {"items": […], "total": …}}) lists a pending delivery; null
     * when it cannot tell.
     */
    private Boolean hasPending(String token, String endpoint) {
        Res r;
        try {
            r = get(WEBHOOKS + "/" + endpoint + "/deliveries?status=pending&limit=1", token);
        } catch (IOException e) {
            return null;
        }
        Object data = null;
        if (r.status == 200) {
            try {
                data = Json.parse(r.body) instanceof Map<?, ?> page ? page.get("items") : null;
            } catch (IllegalArgumentException e) {
                data = null;
            }
        }
        if (data instanceof List<?> list) {
            return !list.isEmpty();
        }
        if (!warnedNoPendingFilter) {
            warnedNoPendingFilter = true;
            System.err.println("note: the delivery log did not answer a list (HTTP " + r.status
                    + "); waiting for the receiver to go quiet instead");
        }
        return null;
    }

    /**
     * One whole settlement; answers the match latency (nanoseconds) or throws a {@link StepFailure}. It learns the
     * states by polling, or from the webhooks {@code signals} hears when that is not null.
     */
    private long oneSettlement(String acme, String beta, String key, int worker, String sellerWallet,
            String buyerWallet, long start, Window window, Receiver signals) throws IOException {
        long deadline = Math.min(start + TimeUnit.SECONDS.toNanos(o.settleTimeoutSeconds), window.hardStop);

        Res seller = post("/v1/instructions", acme, Instructions.seller(key + "-sell", null, o.template,
                "Bench Seller " + worker, sellerWallet));
        if (seller.status != 201 || !"pending_match".equals(seller.str("status"))) {
            throw new StepFailure(seller.label("seller_submit"));
        }
        String reference = seller.str("trade_reference");

        Res buyer = post("/v1/instructions", beta, Instructions.buyer(key + "-buy", reference, o.template,
                "Bench Buyer " + worker, buyerWallet));
        if (buyer.status != 201 || !"matched".equals(buyer.str("status")) || buyer.str("settlement_id") == null) {
            throw new StepFailure(buyer.label("buyer_submit"));
        }
        String id = buyer.str("settlement_id");

        if (signals == null) {
            Map<String, Object> seenByAcme = awaitState(acme, id, "AWAITING_DEPOSITS", deadline);
            depositOwnLegs(acme, id, seenByAcme, "acme_deposit");
            depositOwnLegs(beta, id, getSettlement(beta, id), "beta_deposit");
            awaitState(beta, id, "FINALIZED", deadline);
        } else {
            // Acme's endpoint hears AWAITING_DEPOSITS, Beta's FINALIZED. Each platform still needs one GET: only
            // its own view of the settlement carries its legs' deposit secrets.
            awaitWebhook(signals, id, "AWAITING_DEPOSITS", deadline);
            depositOwnLegs(acme, id, getLiveSettlement(acme, id), "acme_deposit");
            depositOwnLegs(beta, id, getLiveSettlement(beta, id), "beta_deposit");
            awaitWebhook(signals, id, "FINALIZED", deadline);
        }
        return buyer.nanos;
    }

    /**
     * Waits until the receiver heard that settlement {@code id} entered {@code state}, at most until the deadline.
     * The delivery may have come before this call; its future waits in the receiver then.
     */
    private static void awaitWebhook(Receiver signals, String id, String state, long deadline) throws IOException {
        try {
            signals.stateReached(id, state).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new StepFailure("timeout_waiting_webhook_" + state);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a state future only ever completes normally", e);
        } finally {
            signals.forgetState(id, state);
        }
    }

    /** One GET after a webhook; a settlement that rolled back or timed out meanwhile fails as in awaitState. */
    private Map<String, Object> getLiveSettlement(String token, String id) throws IOException {
        Map<String, Object> settlement = getSettlement(token, id);
        String state = String.valueOf(settlement.get("state"));
        if (FAILED.contains(state)) {
            throw new StepFailure("settlement_" + state);
        }
        return settlement;
    }

    private Map<String, Object> getSettlement(String token, String id) throws IOException {
        Res r = get("/v1/settlements/" + id, token);
        if (r.status != 200) {
            throw new StepFailure(r.label("get_settlement"));
        }
        return r.json();
    }

    private static final Set<String> FAILED = Set.of("ROLLED_BACK", "TIMED_OUT");

    private Map<String, Object> awaitState(String token, String id, String target, long deadline) throws IOException {
        long interval = o.pollMs;
        String state = "?";
        while (true) {
            Map<String, Object> s = getSettlement(token, id);
            state = String.valueOf(s.get("state"));
            if (state.equals(target)) {
                return s;
            }
            if (FAILED.contains(state)) {
                throw new StepFailure("settlement_" + state);
            }
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMs <= 0) {
                throw new StepFailure("timeout_waiting_" + target + "_in_" + state);
            }
            sleep(Math.min(interval, remainingMs + 1));
            interval = Math.min(interval * 2, o.pollMaxMs);
        }
    }

    /** Deposits every leg whose deposit carries a secret (only the owning platform sees it) and is still pending. */
    @SuppressWarnings("unchecked")
    private void depositOwnLegs(String token, String id, Map<String, Object> settlement, String step)
            throws IOException {
        for (Object item : (List<Object>) settlement.getOrDefault("legs", List.of())) {
            Map<String, Object> leg = (Map<String, Object>) item;
            if (!(leg.get("deposit") instanceof Map<?, ?> deposit)) {
                continue;
            }
            Object secret = deposit.get("deposit_secret");
            if (secret == null || !"pending".equals(deposit.get("status"))) {
                continue;
            }
            Res r = post("/v1/sandbox/settlements/" + id + "/legs/" + Json.integer(leg.get("leg_index")) + "/deposit",
                    token, "{\"deposit_secret\": \"" + secret + "\"}");
            if (r.status != 200) {
                throw new StepFailure(r.label(step));
            }
        }
    }

    private void fund(String token, String wallet, String instrument, String quantity, Errors errors) {
        try {
            Res r = post("/v1/sandbox/faucet", token, """
                    {"wallet_address": "%s", "instrument_id": "%s", "quantity": "%s", "chain_id": %d}"""
                    .formatted(wallet, instrument, quantity, KeystoneBench.CHAIN_ID));
            if (r.status != 200) {
                errors.add(true, r.label("faucet") + " " + r.body);
            }
        } catch (IOException e) {
            errors.add(true, "faucet:io:" + e);
        }
    }

    // ---- running workers ------------------------------------------------------------------------------------

    interface Worker {
        void run(int worker) throws Exception;
    }

    /** Runs C workers on virtual threads, prints progress, and waits at most until the window's hard stop. */
    private void runWorkers(Window window, Errors errors, Worker body) throws InterruptedException {
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        for (int w = 0; w < o.concurrency; w++) {
            int worker = w;
            workers.submit(() -> {
                try {
                    body.run(worker);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    errors.add(true, "worker_crashed:" + e.getClass().getSimpleName());
                    System.err.println("worker " + worker + " crashed: " + e);
                }
                return null;
            });
        }
        workers.shutdown();
        long lastPrint = System.nanoTime();
        while (!workers.awaitTermination(250, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            if (now >= window.hardStop) {
                System.err.println("drain deadline reached: abandoning in-flight work");
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
                break;
            }
            if (now - lastPrint >= TimeUnit.SECONDS.toNanos(5)) {
                lastPrint = now;
                System.err.printf(Locale.ROOT, "[%5.1fs] %s, errors so far %d%n",
                        (now - window.start) / 1e9, window.phase(now), errors.total());
            }
        }
    }

    private void header(String scenario, Window window) {
        System.out.printf(Locale.ROOT, "scenario         %s%n", scenario);
        System.out.printf(Locale.ROOT, "base url         %s%n", o.baseUrl);
        System.out.printf(Locale.ROOT, "concurrency      %d   warm-up %d s   duration %d s   drain ≤ %d s   template %s%n",
                o.concurrency, o.warmupSeconds, o.durationSeconds, o.drainSeconds, o.template);
        if (scenario.equals("settlements")) {
            System.out.printf(Locale.ROOT, "wait             %s%n", o.waitMode == WaitMode.POLL
                    ? String.format(Locale.ROOT, "poll: GET /v1/settlements/{id} every %d ms, doubling up to %d ms",
                            o.pollMs, o.pollMaxMs)
                    : "webhooks: " + AWAITING_DEPOSITS_EVENT + " to Acme, " + FINALIZED_EVENT + " to Beta");
        }
        System.out.printf(Locale.ROOT, "started          %s%n", Instant.now());
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    /** A response: status, raw body, client-side latency; the body is parsed at most once, on demand. */
    static final class Res {
        final int status;
        final String body;
        final long nanos;
        private Map<String, Object> parsed;

        Res(int status, String body, long nanos) {
            this.status = status;
            this.body = body;
            this.nanos = nanos;
        }

        /** The body as a JSON object; a {@link StepFailure} {@code http_<status>:unparsable_body} otherwise. */
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            if (parsed == null) {
                try {
                    if (Json.parse(body) instanceof Map<?, ?> map) {
                        parsed = (Map<String, Object>) map;
                    }
                } catch (IllegalArgumentException e) {
                    // handled below
                }
                if (parsed == null) {
                    throw new StepFailure("http_" + status + ":unparsable_body");
                }
            }
            return parsed;
        }

        /** A top-level field as a string, or null when absent, null or the body is not a JSON object. */
        String str(String field) {
            try {
                Object value = json().get(field);
                return value == null ? null : value.toString();
            } catch (StepFailure e) {
                return null;
            }
        }

        /** {@code step:http_<status>[:<problem code>]} for the error table. */
        String label(String step) {
            String code = str("code");
            return step + ":http_" + status + (code == null ? "" : ":" + code)
                    + (status / 100 == 2 ? ":unexpected_body" : "");
        }
    }

    private String token(String clientId, String clientSecret, String who) throws IOException, InterruptedException {
        String body = """
                {"grant_type": "client_credentials", "client_id": "%s", "client_secret": "%s", "audience": "%s"}"""
                .formatted(Json.escape(clientId), Json.escape(clientSecret), Json.escape(o.audience));
        Res r;
        try {
            r = send(HttpRequest.newBuilder(o.baseUrl.resolve("/oauth/token"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        } catch (IOException e) {
            throw new SetupException("token for " + who + ": cannot reach " + o.baseUrl + ": " + e);
        }
        String token = r.status == 200 ? r.str("access_token") : null;
        if (token == null) {
            throw new SetupException("token for " + who + ": HTTP " + r.status + " " + r.body);
        }
        return token;
    }

    private Res post(String path, String token, String json) throws IOException {
        return send(HttpRequest.newBuilder(o.baseUrl.resolve(path))
                .header("authorization", "Bearer " + token)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Res get(String path, String token) throws IOException {
        return send(HttpRequest.newBuilder(o.baseUrl.resolve(path))
                .header("authorization", "Bearer " + token)
                .GET());
    }

    private Res delete(String path, String token) throws IOException {
        return send(HttpRequest.newBuilder(o.baseUrl.resolve(path))
                .header("authorization", "Bearer " + token)
                .DELETE());
    }

    private Res send(HttpRequest.Builder request) throws IOException {
        HttpRequest built = request.timeout(Duration.ofSeconds(o.requestTimeoutSeconds)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Res(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String ms(double nanos) {
        return Double.isNaN(nanos) ? "-" : String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}

/** A settlement step that did not go as expected; the message is the error-table label. */
final class StepFailure extends RuntimeException {
    StepFailure(String label) {
        super(label, null, false, false);
    }
}

final class SetupException extends RuntimeException {
    SetupException(String message) {
        super(message);
    }
}

/** Start, end of warm-up, end of the measurement window and hard stop (end + drain), in System.nanoTime(). */
final class Window {
    final long start;
    final long warmEnd;
    final long end;
    final long hardStop;
    /** Wall-clock time at {@link #start}, to compare the window with server timestamps. */
    final Instant wallStart;

    Window(Options o) {
        wallStart = Instant.now();
        start = System.nanoTime();
        warmEnd = start + TimeUnit.SECONDS.toNanos(o.warmupSeconds);
        end = warmEnd + TimeUnit.SECONDS.toNanos(o.durationSeconds);
        hardStop = end + TimeUnit.SECONDS.toNanos(o.drainSeconds);
        ServerCpu.sample(o.serverPid, this);
    }

    /** The wall-clock time of a System.nanoTime() value taken during this run. */
    Instant wall(long nanos) {
        return wallStart.plusNanos(nanos - start);
    }

    String phase(long now) {
        return now < warmEnd ? "warming up" : now < end ? "measuring" : "draining in-flight work";
    }
}

// ---------------------------------------------------------------------------------------------------------------
// listget query kinds

/** The reads of the listget scenario, each the request a dashboard or a reconciliation job makes. */
enum ListGetKind {
    /** The newest page: {@code GET /v1/settlements?limit=20}. */
    LIST_FIRST,
    /** A filter on a rare state that only recent settlements are in. */
    LIST_STATE_AWAITING,
    /** A filter on a state spread over the whole history (a few per cent of the rows). */
    LIST_STATE_ROLLED_BACK,
    /** An offset page among the first thousand rows (page 11 to 50 at limit 20). */
    LIST_OFFSET_1K,
    /** An offset page 5,000 to 10,000 rows deep. */
    LIST_OFFSET_10K,
    /** The page after a random settlement ({@code starting_after}): keyset paging anywhere in the history. */
    LIST_CURSOR,
    /** One day's settlements ({@code created_after}/{@code created_before}), a random day of the span. */
    LIST_DAY,
    /** {@code GET /v1/settlements/{id}} of a random id. */
    GET;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    String path(String id, int limit, Instant now, int spanDays, ThreadLocalRandom random) {
        String list = "/v1/settlements?limit=" + limit;
        return switch (this) {
            case LIST_FIRST -> list;
            case LIST_STATE_AWAITING -> list + "&state=AWAITING_DEPOSITS";
            case LIST_STATE_ROLLED_BACK -> list + "&state=ROLLED_BACK";
            case LIST_OFFSET_1K -> list + "&offset=" + limit * random.nextInt(10, 50);
            case LIST_OFFSET_10K -> list + "&offset=" + random.nextInt(5_000, 10_001);
            case LIST_CURSOR -> list + "&starting_after=" + id;
            case LIST_DAY -> {
                Instant from = now.minus(Duration.ofMinutes(random.nextLong(24 * 60, spanDays * 24L * 60)));
                yield list + "&created_after=" + from + "&created_before=" + from.plus(Duration.ofDays(1));
            }
            case GET -> "/v1/settlements/" + id;
        };
    }

    static List<ListGetKind> parse(String csv) {
        List<ListGetKind> kinds = new ArrayList<>();
        for (String part : csv.split(",")) {
            try {
                kinds.add(valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown kind " + part + "; kinds: "
                        + Arrays.stream(values()).map(ListGetKind::label).toList());
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("--kinds needs at least one kind");
        }
        return List.copyOf(kinds);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Request bodies

final class Instructions {

    static String seller(String key, String tradeReference, String template, String name, String wallet) {
        return body(key, tradeReference, template, "seller", name, wallet, "deliver", "receive");
    }

    static String buyer(String key, String tradeReference, String template, String name, String wallet) {
        return body(key, tradeReference, template, "buyer", name, wallet, "receive", "deliver");
    }

    /** DvP: the bond against cash; free of payment (fop-standard): the bond leg only. */
    private static String body(String key, String tradeReference, String template, String role, String name,
            String wallet, String bondDirection, String cashDirection) {
        String reference = tradeReference == null ? "" : "\"trade_reference\": \"" + tradeReference + "\", ";
        String cashLeg = template.equals("fop-standard") ? "" : """
                , {"leg_type": "payment", "instrument_id": "%s", "quantity": "%s", "direction": "%s"}"""
                .formatted(KeystoneBench.CASH, KeystoneBench.CASH_QTY, cashDirection);
        return """
                {"idempotency_key": "%s", %s"template_slug": "%s", "role": "%s", \
                "party": {"external_reference": "%s-REF", "name": "%s", "wallet_address": "%s", "chain_id": %d}, \
                "legs": [{"leg_type": "asset_delivery", "instrument_id": "%s", "quantity": "%s", "direction": "%s"}%s], \
                "timeout_at": "%s"}"""
                .formatted(key, reference, template, role, role.toUpperCase(Locale.ROOT) + "-" + key, name, wallet,
                        KeystoneBench.CHAIN_ID, KeystoneBench.BOND, KeystoneBench.BOND_QTY, bondDirection, cashLeg,
                        Instant.now().plus(Duration.ofHours(2)));
    }
}

final class Wallets {
    /** A random lowercase EVM address ending in zeros, so it never hits a sandbox compliance trigger (…dead, …f1a9). */
    static String random() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "0x" + HexFormat.of().formatHex(bytes) + "00000000";
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Measurement

/** All samples, kept (nanoseconds); percentiles by nearest rank on a sorted copy. Fine for millions of samples. */
final class Histogram {
    private long[] values = new long[4096];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized long count() {
        return size;
    }

    synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double max(long[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    static double mean(long[] sorted) {
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElse(Double.NaN);
    }
}

/** Error counts by label, separately for the warm-up and the measurement window. */
final class Errors {
    private final Map<String, LongAdder> measured = new ConcurrentHashMap<>();
    private final LongAdder warmup = new LongAdder();
    private final LongAdder total = new LongAdder();

    void add(boolean inWindow, String label) {
        total.increment();
        if (inWindow) {
            measured.computeIfAbsent(label, k -> new LongAdder()).increment();
        } else {
            warmup.increment();
        }
    }

    /** Work cut short by the drain deadline (hard stop) is counted as {@code abandoned_at_drain_deadline}. */
    void add(Window window, boolean inWindow, String label) {
        add(inWindow, System.nanoTime() >= window.hardStop ? "abandoned_at_drain_deadline" : label);
    }

    long measuredTotal() {
        return measured.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long warmupTotal() {
        return warmup.sum();
    }

    long total() {
        return total.sum();
    }

    Map<String, Long> byLabel() {
        Map<String, Long> sorted = new TreeMap<>();
        measured.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }

    String describe() {
        return byLabel().toString();
    }
}

/**
 * With {@code --server-pid}: the CPU time the server process used during the measurement window (read at the end of
 * the warm-up and at the end of the window, from /proc through {@link ProcessHandle}), and how busy the whole machine
 * was meanwhile (/proc/stat). CPU per operation does not depend on what else shares the cores, unlike the latencies.
 */
final class ServerCpu {
    private static volatile Duration serverCpu;
    private static volatile double machineBusy = Double.NaN;

    static void sample(long pid, Window window) {
        if (pid <= 0) {
            return;
        }
        Thread.ofVirtual().name("server-cpu").start(() -> {
            try {
                sleepUntil(window.warmEnd);
                Duration cpuFrom = cpu(pid);
                long[] machineFrom = machine();
                sleepUntil(window.end);
                Duration cpuTo = cpu(pid);
                long[] machineTo = machine();
                if (cpuFrom != null && cpuTo != null) {
                    serverCpu = cpuTo.minus(cpuFrom);
                }
                if (machineFrom != null && machineTo != null && machineTo[0] > machineFrom[0]) {
                    machineBusy = 1.0 - (machineTo[1] - machineFrom[1]) / (double) (machineTo[0] - machineFrom[0]);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(null);
    }

    /** All jiffies and idle + iowait jiffies of the first line of /proc/stat, or null where there is none. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Adds server_cpu_s, server_cpu_ms_per_op and machine_busy_pct to a result, when they were measured. */
    static void report(Map<String, String> fields, long operations) {
        Duration cpu = serverCpu;
        if (cpu != null) {
            double seconds = cpu.toNanos() / 1e9;
            fields.put("server_cpu_s", String.format(Locale.ROOT, "%.2f", seconds));
            if (operations > 0) {
                fields.put("server_cpu_ms_per_op", String.format(Locale.ROOT, "%.3f", seconds * 1000 / operations));
            }
            System.out.printf(Locale.ROOT, "server CPU       %.2f s in the window%s%n", seconds, operations > 0
                    ? String.format(Locale.ROOT, ", %.3f ms per operation", seconds * 1000 / operations) : "");
        }
        if (!Double.isNaN(machineBusy)) {
            fields.put("machine_busy_pct", String.format(Locale.ROOT, "%.1f", machineBusy * 100));
        }
    }
}

/** Prints the error table and the final machine-readable RESULT line; decides the exit code. */
final class Report {
    private final String scenario;
    private final Options o;
    private final long count;
    private final double rate;
    private final Errors errors;
    private final Map<String, String> fields = new LinkedHashMap<>();

    Report(String scenario, Options o, long count, double rate, Errors errors) {
        this.scenario = scenario;
        this.o = o;
        this.count = count;
        this.rate = rate;
        this.errors = errors;
        fields.put("scenario", scenario);
        fields.put("template", o.template);
        if (scenario.equals("settlements")) {
            fields.put("wait", o.waitMode.label());
        }
        fields.put("concurrency", Integer.toString(o.concurrency));
        fields.put("warmup_s", Integer.toString(o.warmupSeconds));
        fields.put("duration_s", Integer.toString(o.durationSeconds));
        fields.put("count", Long.toString(count));
        fields.put("rate", String.format(Locale.ROOT, "%.2f", rate));
    }

    void put(String key, String value) {
        fields.put(key, value);
    }

    void remove(String key) {
        fields.remove(key);
    }

    void latency(String prefix, long[] sorted) {
        fields.put(prefix + "p50_ms", Bench.ms(Histogram.percentile(sorted, 50)));
        fields.put(prefix + "p90_ms", Bench.ms(Histogram.percentile(sorted, 90)));
        fields.put(prefix + "p99_ms", Bench.ms(Histogram.percentile(sorted, 99)));
        fields.put(prefix + "max_ms", Bench.ms(Histogram.max(sorted)));
    }

    int finish() {
        long failed = errors.measuredTotal();
        long attempts = count + failed;
        double errorRate = attempts == 0 ? 1.0 : failed / (double) attempts;
        System.out.printf(Locale.ROOT, "errors           %d of %d in the window (%.2f%%), %d during warm-up%n",
                failed, attempts, errorRate * 100, errors.warmupTotal());
        errors.byLabel().forEach((label, n) -> System.out.printf(Locale.ROOT, "  %-60s %d%n", label, n));
        fields.put("errors", Long.toString(failed));
        fields.put("error_rate", String.format(Locale.ROOT, "%.4f", errorRate));
        ServerCpu.report(fields, count);
        StringBuilder line = new StringBuilder("RESULT");
        fields.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        if (attempts == 0) {
            System.err.println("FAIL: nothing completed in the measurement window");
            return 1;
        }
        if (errorRate * 100 > o.maxErrorRatePercent) {
            System.err.printf(Locale.ROOT, "FAIL: error rate %.2f%% is above %.2f%%%n", errorRate * 100,
                    o.maxErrorRatePercent);
            return 1;
        }
        return 0;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Webhook receiver (webhooks scenario; settlements scenario with --wait webhooks)

/**
 * An in-process webhook receiver on 127.0.0.1 (random port), one virtual thread per request. It answers 200 at once,
 * then records the arrival time, the event id and the payload's {@code created_at}; every Nth request it checks
 * {@code X-Keystone-Signature} (lowercase hex HMAC-SHA256 of the raw body, keyed with the endpoint's secret string).
 * Each endpoint gets its own path, so arrivals and secrets are told apart by path. With {@code signalStates} it also
 * tells waiting workers which settlement reached which state ({@link #stateReached}).
 */
final class Receiver implements AutoCloseable {

    /** One request: endpoint path, event id, payload created_at and arrival (epoch µs), arrival (System.nanoTime). */
    record Arrival(String path, String eventId, long createdMicros, long arrivedMicros, long arrivedNanos) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final int verifyEvery;
    private final long started = System.nanoTime();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Map<String, AtomicLong> lastArrival = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final LongAdder checked = new LongAdder();
    private final LongAdder mismatches = new LongAdder();
    private final Map<String, LongAdder> problems = new ConcurrentHashMap<>();
    private volatile String roundPath;
    private final Set<String> roundIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong roundLast = new AtomicLong();
    /** Futures by settlement id + " " + state, completed on arrival; null when not signalling. */
    private final Map<String, CompletableFuture<Void>> states;

    Receiver(int verifyEvery, boolean signalStates) throws IOException {
        this.verifyEvery = verifyEvery;
        this.states = signalStates ? new ConcurrentHashMap<>() : null;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void register(String path, String secret) {
        secrets.put(path, secret);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long nanos = System.nanoTime();
        Instant now = Instant.now();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String signature = exchange.getRequestHeaders().getFirst("X-Keystone-Signature");
        String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        try {
            record(method, path, body, signature, webhookId, nanos, now);
        } catch (RuntimeException e) {
            problem("receiver:" + e.getClass().getSimpleName());
        }
    }

    private void record(String method, String path, byte[] body, String signature, String webhookId, long nanos,
            Instant now) {
        String secret = secrets.get(path);
        if (!method.equals("POST") || secret == null) {
            problem("receiver:unexpected_request");
            return;
        }
        if (requests.getAndIncrement() % verifyEvery == 0) {
            checked.increment();
            if (signature == null || !signature.equals(hmacHex(secret, body))) {
                mismatches.increment();
            }
        }
        Map<?, ?> payload;
        try {
            payload = Json.parse(new String(body, StandardCharsets.UTF_8)) instanceof Map<?, ?> map ? map : null;
        } catch (IllegalArgumentException e) {
            payload = null;
        }
        Object id = payload == null ? null : payload.get("id");
        Object created = payload == null ? null : payload.get("created_at");
        if (id == null || created == null) {
            problem("receiver:payload_without_id_or_created_at");
            return;
        }
        String eventId = id.toString();
        if (webhookId != null && !webhookId.equals(eventId)) {
            problem("receiver:webhook-id_differs_from_payload_id");
        }
        Arrival arrival = new Arrival(path, eventId, micros(Instant.parse(created.toString())), micros(now), nanos);
        synchronized (arrivals) {
            arrivals.add(arrival);
        }
        lastArrival.computeIfAbsent(path, p -> new AtomicLong()).accumulateAndGet(nanos, Math::max);
        if (path.equals(roundPath) && roundIds.add(eventId)) {
            roundLast.accumulateAndGet(nanos, Math::max);
        }
        if (states != null) {
            signalState(payload);
        }
    }

    /** Completes the future of the event's {@code data.settlement_id} + {@code data.state}; a repeat finds it done. */
    private void signalState(Map<?, ?> payload) {
        Map<?, ?> data = payload.get("data") instanceof Map<?, ?> map ? map : Map.of();
        Object settlementId = data.get("settlement_id");
        Object state = data.get("state");
        if (settlementId == null || state == null) {
            problem("receiver:event_without_settlement_id_or_state");
            return;
        }
        stateReached(settlementId.toString(), state.toString()).complete(null);
    }

    /**
     * Completes once a webhook says settlement {@code settlementId} entered {@code state}. Whichever comes first, the
     * delivery or the waiting worker, creates the future, so a delivery that beats the worker is not lost.
     */
    CompletableFuture<Void> stateReached(String settlementId, String state) {
        return states.computeIfAbsent(settlementId + " " + state, k -> new CompletableFuture<>());
    }

    /**
     * Drops a settlement state once its worker stopped waiting. A repeated delivery (at least once) after that makes a
     * new, completed future nobody waits for: a few bytes, and rare.
     */
    void forgetState(String settlementId, String state) {
        states.remove(settlementId + " " + state);
    }

    static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private void problem(String label) {
        problems.computeIfAbsent(label, k -> new LongAdder()).increment();
    }

    List<Arrival> arrivals() {
        synchronized (arrivals) {
            return new ArrayList<>(arrivals);
        }
    }

    /** Nanoseconds since the last request on {@code path} (since the receiver started if none came yet). */
    long quietNanos(String path) {
        AtomicLong last = lastArrival.get(path);
        return System.nanoTime() - (last == null ? started : Math.max(last.get(), started));
    }

    /** Starts counting distinct event ids arriving on {@code path}. */
    void beginRound(String path) {
        roundPath = null;
        roundIds.clear();
        roundLast.set(0);
        roundPath = path;
    }

    /** Waits until {@code expected} distinct events arrived in this round or the deadline passed; answers the count. */
    long awaitRound(long expected, long deadline) throws InterruptedException {
        while (roundIds.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return roundIds.size();
    }

    /** System.nanoTime() of the last new event id of this round. */
    long roundLastArrival() {
        return roundLast.get();
    }

    long checked() {
        return checked.sum();
    }

    long mismatches() {
        return mismatches.sum();
    }

    Map<String, Long> problems() {
        Map<String, Long> sorted = new TreeMap<>();
        problems.forEach((k, v) -> sorted.put(k, v.sum()));
        return sorted;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

// ---------------------------------------------------------------------------------------------------------------
// A tiny JSON reader: objects → LinkedHashMap, arrays → ArrayList, strings, numbers → BigDecimal, true/false, null.

final class Json {
    private final String s;
    private int i;

    private Json(String s) {
        this.s = s;
    }

    static Object parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no body");
        }
        Json p = new Json(text);
        Object value = p.value();
        p.ws();
        if (p.i != text.length()) {
            throw p.error("trailing characters");
        }
        return value;
    }

    static int integer(Object number) {
        return number instanceof BigDecimal d ? d.intValueExact() : Integer.parseInt(String.valueOf(number));
    }

    static String escape(String raw) {
        StringBuilder out = new StringBuilder();
        for (char c : raw.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private Object value() {
        ws();
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(i);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        ws();
        if (peek('}')) {
            i++;
            return map;
        }
        while (true) {
            ws();
            String key = string();
            ws();
            expect(':');
            map.put(key, value());
            ws();
            if (peek(',')) {
                i++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        i++;
        ws();
        if (peek(']')) {
            i++;
            return list;
        }
        while (true) {
            list.add(value());
            ws();
            if (peek(',')) {
                i++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
    }

    private BigDecimal number() {
        int begin = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (begin == i) {
            throw error("unexpected character '" + s.charAt(i) + "'");
        }
        return new BigDecimal(s.substring(begin, i));
    }

    private Object literal(String word, Object value) {
        if (!s.startsWith(word, i)) {
            throw error("expected " + word);
        }
        i += word.length();
        return value;
    }

    private void ws() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("JSON: " + message + " at offset " + i);
    }
}
