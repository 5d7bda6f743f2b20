package xyz.keystoneos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keystone listen --forward-to URL}: follows the events feed ({@code GET /v1/events}) from now on and posts
 * each event to a local URL, signed with a per-session secret, with the same headers a real webhook delivery has.
 * Needs no public endpoint and no server-side setup: it only reads the feed with your credentials.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = {"Forward live events to a local app, like a webhook endpoint would receive them.",
                "Follows the events feed (GET /v1/events) of your environment from now on (--starting-after: from "
                        + "an event id), and POSTs each event to --forward-to, signed with a secret printed at "
                        + "start (whsec_…; fixed with --secret or $KEYSTONE_WEBHOOK_SECRET) and carrying the "
                        + "headers of a real delivery: webhook-id, webhook-timestamp, webhook-signature (Standard "
                        + "Webhooks) and X-Keystone-Signature, -Event-Id, -Delivery-Id, -Timestamp. One line per "
                        + "event with your app's status code. One attempt per event (no retries).",
                "The feed shows events about 2 s after they happen. Stop with Ctrl-C, --max-events or --timeout."},
        footer = {"", "Example:", "  keystone listen --forward-to http://localhost:3000/webhooks "
                + "--events 'settlement.state.*'"})
final class ListenCommand extends BaseCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int PAGE = 100;

    @Option(names = "--forward-to", required = true, paramLabel = "URL",
            description = "Where to POST the events, e.g. http://localhost:3000/webhooks.")
    String forwardTo;

    @Option(names = {"-e", "--events"}, paramLabel = "PATTERN", split = ",",
            description = "Event types or patterns to forward (repeatable or comma-separated; default *): "
                    + "settlement.*, settlement.state.*, settlement.state.finalized, instruction.* …")
    List<String> events = new ArrayList<>();

    @Option(names = "--secret", paramLabel = "whsec_…",
            description = "Sign with this secret instead of a new one (default: $KEYSTONE_WEBHOOK_SECRET, or new).")
    String secret;

    @Option(names = "--starting-after", paramLabel = "EVENT_ID",
            description = "Start after this event (evt_…) instead of now: replays what came since.")
    String startingAfter;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = Durations.class,
            description = "Pause between polls of the feed when it has nothing new (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--forward-timeout", paramLabel = "DURATION", defaultValue = "15s", converter = Durations.class,
            description = "How long your app may take to answer (default ${DEFAULT-VALUE}, like real deliveries).")
    Duration forwardTimeout;

    @Option(names = "--max-events", paramLabel = "N",
            description = "Stop after forwarding N events (default: run until stopped).")
    Integer maxEvents;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "Stop after this long (default: run until stopped).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        URI target = target();
        EventPatterns patterns = new EventPatterns(events);
        if (interval.isZero() || interval.isNegative()) {
            throw CliException.usage("--interval must be positive");
        }
        if (maxEvents != null && maxEvents < 1) {
            throw CliException.usage("--max-events must be at least 1");
        }
        String chosen = secret != null ? secret : context().env("KEYSTONE_WEBHOOK_SECRET");
        WebhookSigner signer = new WebhookSigner(chosen != null ? chosen : WebhookSigner.newSecret());
        EventForwarder forwarder = new EventForwarder(target, signer, forwardTimeout, context().clock());
        Style style = style();
        Spinner spinner = new Spinner(context().err(), context().interactive(), style);
        Instant started = context().clock().instant();
        Instant deadline = timeout == null ? null : started.plus(timeout);

        JsonNode pong = raw().ping();
        String cursor = startingAfter != null ? startingAfter : catchUp(spinner);
        spinner.clear();
        out().println(style.green("Ready!") + " Forwarding events of environment "
                + style.bold(pong.path("environment_slug").asText("?")) + " ("
                + pong.path("environment_kind").asText("?") + ") to " + target
                + (patterns.patterns().equals(List.of("*")) ? "" : " (" + String.join(", ", patterns.patterns())
                + ")"));
        out().println("Your webhook signing secret is " + style.bold(signer.secret())
                + (context().interactive() ? style.dim(" (^C to quit)") : ""));

        int forwarded = 0;
        try {
            while (true) {
                JsonNode page = raw().events(cursor, PAGE);
                for (JsonNode event : page.path("items")) {
                    cursor = event.path("id").asText(cursor);
                    if (!patterns.matches(event.path("event").asText(null))) {
                        continue;
                    }
                    spinner.clear();
                    out().println(incoming(event, style));
                    EventForwarder.Outcome outcome = forwarder.forward(event);
                    out().println(outgoing(outcome, target, style));
                    forwarded++;
                    if (maxEvents != null && forwarded >= maxEvents) {
                        return ExitCodes.OK;
                    }
                }
                if (page.path("has_more").asBoolean(false)) {
                    continue;
                }
                if (deadline != null && !context().clock().instant().isBefore(deadline)) {
                    spinner.clear();
                    out().println(style.dim("Stopped after " + timeout + ": " + forwarded + " events forwarded."));
                    return ExitCodes.OK;
                }
                Instant next = context().clock().instant().plus(interval);
                do {
                    spinner.tick("Waiting for events… (" + forwarded + " forwarded)");
                    Thread.sleep(Math.min(100, Math.max(1, Duration.between(context().clock().instant(), next)
                            .toMillis())));
                } while (context().clock().instant().isBefore(next));
            }
        } finally {
            spinner.clear();
        }
    }

    /** Pages to the end of the feed, so that only what happens from now on is forwarded; answers the cursor. */
    private String catchUp(Spinner spinner) {
        String cursor = null;
        int skipped = 0;
        while (true) {
            spinner.tick("Finding the end of the events feed… (" + skipped + " earlier events)");
            JsonNode page = raw().events(cursor, 200);
            JsonNode next = page.get("next_cursor");
            if (next != null && !next.isNull()) {
                cursor = next.asText();
            }
            skipped += page.path("items").size();
            if (!page.path("has_more").asBoolean(false)) {
                return cursor;
            }
        }
    }

    private URI target() {
        URI uri;
        try {
            uri = URI.create(forwardTo.strip());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--forward-to is not a URL: '" + forwardTo + "'");
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            throw CliException.usage("--forward-to must be an http(s) URL with a host, e.g. "
                    + "http://localhost:3000/webhooks; was '" + forwardTo + "'");
        }
        return uri;
    }

    private String incoming(JsonNode event, Style style) {
        JsonNode data = event.path("data");
        StringBuilder line = new StringBuilder(style.dim(now())).append("  ").append(style.cyan("-->")).append(' ')
                .append(style.bold(event.path("event").asText("?"))).append(' ')
                .append(style.dim("[" + event.path("id").asText("?") + "]"));
        if (data.hasNonNull("instruction_id")) {
            line.append("  instruction ").append(data.get("instruction_id").asText());
            if (data.hasNonNull("settlement_id")) {
                line.append(" → settlement ").append(data.get("settlement_id").asText());
            }
        } else if (data.hasNonNull("settlement_id")) {
            line.append("  settlement ").append(data.get("settlement_id").asText());
            if (data.hasNonNull("state")) {
                line.append(' ').append(style.state(data.get("state").asText()));
            }
        }
        return line.toString();
    }

    private String outgoing(EventForwarder.Outcome outcome, URI target, Style style) {
        String status = outcome.statusCode() != null ? style.httpStatus(outcome.statusCode()) : style.red("ERR");
        return style.dim(now()) + "  " + style.magenta("<--") + " [" + status + "] POST " + target + " "
                + style.dim("[" + outcome.eventId() + "]") + " " + outcome.durationMs() + " ms"
                + (outcome.error() != null ? "  " + style.red(outcome.error()) : "");
    }

    private String now() {
        return TIME.format(context().clock().instant());
    }
}
