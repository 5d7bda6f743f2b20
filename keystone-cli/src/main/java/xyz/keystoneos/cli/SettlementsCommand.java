package xyz.keystoneos.cli;

import static xyz.keystoneos.cli.InstructionsCommand.wire;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import xyz.keystoneos.sdk.KeystoneException;
import xyz.keystoneos.sdk.model.Settlement;
import xyz.keystoneos.sdk.model.SettlementLeg;
import xyz.keystoneos.sdk.model.SettlementListParams;
import xyz.keystoneos.sdk.model.SettlementParty;
import xyz.keystoneos.sdk.model.SettlementTemplate;
import xyz.keystoneos.sdk.model.SettlementType;

/** {@code keystone settlements list|get|watch}. */
@Command(name = "settlements", aliases = "settlement", mixinStandardHelpOptions = true,
        description = "List and show settlements; watch one live until it ends.",
        subcommands = {SettlementsCommand.ListSettlements.class, SettlementsCommand.Get.class,
                SettlementsCommand.Watch.class})
final class SettlementsCommand {

    /** The timeline of a settlement's template: its terminal and failure states (standard ones if unreadable). */
    static Timeline timeline(BaseCommand command, Settlement settlement) {
        Style style = command.style();
        String template = settlement.templateSlug() != null ? settlement.templateSlug() : settlement.templateId();
        if (template == null) {
            return Timeline.standard(style);
        }
        try {
            SettlementTemplate found = command.client().templates().get(template);
            if (found.config() == null || found.config().terminalStates() == null
                    || found.config().terminalStates().isEmpty()) {
                return Timeline.standard(style);
            }
            Set<String> failure = found.config().failureStates() == null ? Timeline.STANDARD_FAILURE
                    : new HashSet<>(found.config().failureStates());
            return new Timeline(style, new HashSet<>(found.config().terminalStates()), failure);
        } catch (KeystoneException unreadable) {
            // e.g. no templates:read scope: the standard templates' states
            return Timeline.standard(style);
        }
    }

    /** The state as the API sent it (the SDK enum shows a custom template's state as UNKNOWN). */
    static String state(Settlement settlement, List<TimelineEvent> events) {
        if (!events.isEmpty()) {
            return events.get(events.size() - 1).toState();
        }
        return wire(settlement.state());
    }

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
            description = "List the settlements you have a party in, newest first.")
    static final class ListSettlements extends BaseCommand implements Callable<Integer> {

        @Option(names = "--state", paramLabel = "STATE", description = "Only these states (repeatable).")
        List<String> states = new java.util.ArrayList<>();

        @Option(names = "--type", paramLabel = "TYPE", description = "single_platform or cross_platform.")
        String type;

        @Option(names = "--reference", paramLabel = "REF", description = "Only this external reference.")
        String reference;

        @Option(names = "--template", paramLabel = "SLUG", description = "Only this template.")
        String template;

        @Option(names = "--created-after", paramLabel = "WHEN",
                description = "RFC 3339 time, or a duration ago (24h = the last day).")
        String createdAfter;

        @Option(names = "--created-before", paramLabel = "WHEN", description = "RFC 3339 time, or a duration ago.")
        String createdBefore;

        @Mixin
        ListOptions list;

        @Override
        public Integer call() {
            SettlementListParams.Builder params = SettlementListParams.builder().limit(list.limit);
            states.forEach(s -> params.state(s.toUpperCase(Locale.ROOT)));
            if (type != null) {
                SettlementType parsed = SettlementType.fromWire(type);
                if (parsed == null || parsed == SettlementType.UNKNOWN) {
                    throw CliException.usage("--type must be single_platform or cross_platform, was '" + type + "'");
                }
                params.settlementType(parsed);
            }
            if (reference != null) {
                params.externalReference(reference);
            }
            if (template != null) {
                params.templateSlug(template);
            }
            Instant now = context().clock().instant();
            if (createdAfter != null) {
                params.createdAfter(ago(createdAfter, now));
            }
            if (createdBefore != null) {
                params.createdBefore(ago(createdBefore, now));
            }
            Style style = style();
            return list.fetchAndPrint(this, "settlements",
                    offset -> client().settlements().list(params.offset(offset).build()),
                    () -> client().settlements().listAutoPaging(params.build()),
                    new Table("ID", "STATE", "TYPE", "TEMPLATE", "REFERENCE", "CREATED"),
                    (table, s) -> table.row(s.id(), style.state(wire(s.state())), wire(s.settlementType()),
                            s.templateSlug(), s.externalReference(), String.valueOf(s.createdAt())));
        }

        private static Instant ago(String value, Instant now) {
            try {
                return Instant.parse(value.strip());
            } catch (java.time.format.DateTimeParseException notAnInstant) {
                try {
                    return now.minus(Durations.parse(value));
                } catch (picocli.CommandLine.TypeConversionException e) {
                    throw CliException.usage("'" + value + "' is neither an RFC 3339 time nor a duration (24h, 7d)");
                }
            }
        }
    }

    @Command(name = "get", aliases = "show", mixinStandardHelpOptions = true,
            description = "Show a settlement: parties, legs and deposits, and its event timeline.")
    static final class Get extends BaseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The settlement id.")
        String id;

        @Option(names = "--json", description = "Print the settlement as JSON.")
        boolean json;

        @Override
        public Integer call() {
            Settlement settlement = client().settlements().get(id);
            if (json) {
                printJson(settlement);
                return ExitCodes.OK;
            }
            List<TimelineEvent> events = TimelineEvent.list(raw().settlementEvents(id));
            Style style = style();
            out().println(style.bold("Settlement " + settlement.id()) + "  " + style.state(state(settlement, events)));
            out().println("  type        " + wire(settlement.settlementType())
                    + (settlement.settlementCategory() != null ? " (" + wire(settlement.settlementCategory()) + ")"
                    : ""));
            out().println("  template    " + settlement.templateSlug() + " v" + settlement.templateVersion());
            if (settlement.externalReference() != null) {
                out().println("  reference   " + settlement.externalReference());
            }
            out().println("  timeout at  " + settlement.timeoutAt());
            out().println("  created at  " + settlement.createdAt() + ", version " + settlement.version());
            out().println();
            Table parties = new Table("ROLE", "NAME", "WALLET", "CHAIN", "COMPLIANCE");
            for (SettlementParty p : settlement.parties()) {
                parties.row(p.role(), p.name(), p.walletAddress(), String.valueOf(p.chainId()),
                        style.status(wire(p.status())));
            }
            parties.print(out(), style);
            out().println();
            Table legs = new Table("#", "TYPE", "OWNER", "DIRECTION", "QUANTITY", "INSTRUMENT", "STATUS", "DEPOSIT");
            for (SettlementLeg l : settlement.legs()) {
                legs.row(String.valueOf(l.legIndex()), wire(l.legType()), l.partyRole(), wire(l.direction()),
                        l.quantity() == null ? null : l.quantity().toPlainString(), l.instrumentId(),
                        style.status(wire(l.status())),
                        l.deposit() == null ? "-" : style.status(wire(l.deposit().status())));
            }
            legs.print(out(), style);
            out().println();
            out().println(style.bold("Timeline"));
            Timeline timeline = timeline(this, settlement);
            events.forEach(e -> out().println(timeline.line(e)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Follow a settlement live: print each new event as a coloured timeline line until it "
                    + "reaches a terminal state, with a spinner while waiting (on a terminal).",
                    "Exit code 0 when it ends in success (FINALIZED), 1 when it ends in a failure state "
                            + "(ROLLED_BACK, TIMED_OUT) or --timeout passes first."})
    static final class Watch extends BaseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "ID", description = "The settlement id.")
        String id;

        @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
                converter = Durations.class, description = "Pause between polls (default ${DEFAULT-VALUE}).")
        Duration interval;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
                description = "Give up after this long (default: never).")
        Duration timeout;

        @Override
        public Integer call() throws InterruptedException {
            if (interval.isZero() || interval.isNegative()) {
                throw CliException.usage("--interval must be positive");
            }
            Settlement settlement = client().settlements().get(id);
            Timeline timeline = timeline(this, settlement);
            Style style = style();
            Spinner spinner = new Spinner(context().err(), context().interactive(), style);
            Instant started = context().clock().instant();
            Instant deadline = timeout == null ? null : started.plus(timeout);
            out().println("Watching settlement " + style.bold(settlement.id()) + " (" + settlement.templateSlug()
                    + ", " + wire(settlement.settlementType()) + ")" + style.dim(context().interactive()
                    ? "  Ctrl-C to stop" : ""));
            int printed = 0;
            try {
                while (true) {
                    List<TimelineEvent> events = TimelineEvent.list(raw().settlementEvents(id));
                    for (TimelineEvent event : events) {
                        if (event.sequence() > printed) {
                            spinner.clear();
                            out().println(timeline.line(event));
                            printed = event.sequence();
                        }
                    }
                    String state = state(settlement, events);
                    if (timeline.isTerminal(state)) {
                        spinner.clear();
                        Duration took = Duration.between(started, context().clock().instant());
                        boolean failed = timeline.isFailure(state);
                        out().println((failed ? style.red("✖") : style.green("✔")) + " Settlement "
                                + (failed ? "ended in " : "reached ") + style.state(state)
                                + style.dim(" (watched " + seconds(took) + ")"));
                        return failed ? ExitCodes.FAILED : ExitCodes.OK;
                    }
                    if (deadline != null && !context().clock().instant().isBefore(deadline)) {
                        spinner.clear();
                        throw CliException.failed("Settlement " + id + " is still " + state + " after " + timeout);
                    }
                    String waiting = waitingFor(state);
                    Instant next = context().clock().instant().plus(interval);
                    do {
                        spinner.tick(waiting + "  " + seconds(Duration.between(started,
                                context().clock().instant())));
                        Thread.sleep(Math.min(100, Math.max(1, Duration.between(context().clock().instant(), next)
                                .toMillis())));
                    } while (context().clock().instant().isBefore(next));
                }
            } finally {
                spinner.clear();
            }
        }

        private String waitingFor(String state) {
            if ("AWAITING_DEPOSITS".equals(state)) {
                Settlement current = client().settlements().get(id);
                long owed = current.legs().stream().filter(l -> l.deposit() != null).count();
                long done = current.legs().stream().filter(l -> l.deposit() != null
                        && "deposited".equals(wire(l.deposit().status()))).count();
                return "Waiting for deposits (" + done + "/" + owed + " legs deposited)";
            }
            if ("COMPLIANCE_CHECKING".equals(state)) {
                return "Compliance screening (a flagged party waits for a decision)";
            }
            return "In " + state;
        }

        private static String seconds(Duration duration) {
            return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
        }
    }
}
