package xyz.keystoneos.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import xyz.keystoneos.sdk.model.EvidenceCheck;

/** {@code keystone events list|verify <settlement>}. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "A settlement's audit trail: list it, verify its hash chain.",
        subcommands = {EventsCommand.ListEvents.class, EventsCommand.Verify.class})
final class EventsCommand {

    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
            description = "Print a settlement's events as a timeline.")
    static final class ListEvents extends BaseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "SETTLEMENT", description = "The settlement id.")
        String settlementId;

        @Option(names = "--json", description = "Print the API's answer as JSON.")
        boolean json;

        @Override
        public Integer call() {
            var answer = raw().settlementEvents(settlementId);
            if (json) {
                printJson(answer);
                return ExitCodes.OK;
            }
            Timeline timeline = SettlementsCommand.timeline(this, client().settlements().get(settlementId));
            TimelineEvent.list(answer).forEach(e -> out().println(timeline.line(e)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify a settlement's event hash chain.",
                    "The CLI recomputes the chain itself from GET /v1/settlements/{id}/events, with the server's "
                            + "rules: evidence_hash = SHA-256(from:to:triggered_by); content_hash = "
                            + "SHA-256(previous|settlement_id|sequence|from|to|triggered_by|canonical payload|"
                            + "evidence_hash|created_at), the first previous being 64 zeros; sequences 1, 2, 3 … "
                            + "Then it asks the server's own check (GET /v1/settlements/{id}/evidence), which reads "
                            + "the stored rows, and compares both verdicts and head hashes (--local-only skips "
                            + "that).",
                    "Exit code 0 when the chain is intact, 1 when a link is broken or the two checks disagree."})
    static final class Verify extends BaseCommand implements Callable<Integer> {

        @Parameters(paramLabel = "SETTLEMENT", description = "The settlement id.")
        String settlementId;

        @Option(names = "--local-only", description = "Only the client-side recomputation.")
        boolean localOnly;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<TimelineEvent> events = TimelineEvent.list(raw().settlementEvents(settlementId));
            EventChainVerifier.Result local = EventChainVerifier.verify(events);
            EvidenceCheck server = localOnly ? null : client().settlements().evidence(settlementId);
            boolean agree = server == null || (server.valid() == local.valid()
                    && Objects.equals(server.firstBrokenSequence(), local.firstBrokenSequence())
                    && (!local.valid() || Objects.equals(server.headHash(), local.headHash())));
            boolean ok = local.valid() && agree && (server == null || server.valid());
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("settlement_id", settlementId);
                result.put("valid", ok);
                result.put("events", events.size());
                result.put("local", Map.of("valid", local.valid(), "first_broken_sequence",
                        local.firstBrokenSequence() == null ? "" : local.firstBrokenSequence(),
                        "head_hash", local.headHash() == null ? "" : local.headHash()));
                if (server != null) {
                    result.put("server", server);
                    result.put("agree", agree);
                }
                printJson(result);
                return ok ? ExitCodes.OK : ExitCodes.FAILED;
            }
            Style style = style();
            out().println(style.bold("Settlement " + settlementId) + ": " + events.size() + " events");
            for (int i = 0; i < events.size(); i++) {
                EventChainVerifier.Link link = local.links().get(i);
                TimelineEvent event = events.get(i);
                String mark = link.intact() ? style.green("✔") : style.red("✖");
                out().println("  " + mark + " #" + event.sequence() + "  " + style.state(event.toState()) + "  "
                        + style.dim("content " + EventChainVerifier.abbreviate(event.contentHash()))
                        + (link.intact() ? "" : "  " + style.red(link.problem())));
            }
            if (local.valid()) {
                out().println("Client-side recomputation: " + style.green("intact") + ", head "
                        + local.headHash());
            } else {
                out().println("Client-side recomputation: " + style.red("BROKEN") + ", first broken link #"
                        + local.firstBrokenSequence());
            }
            if (server != null) {
                out().println("Server check (GET /v1/settlements/{id}/evidence): "
                        + (server.valid() ? style.green("intact") : style.red("BROKEN") + ", first broken link #"
                        + server.firstBrokenSequence()) + ", " + server.events() + " events, head "
                        + server.headHash());
                if (!agree) {
                    out().println(style.yellow("The two checks disagree: the events the API shows differ from the "
                            + "stored rows, or changed between the two calls."));
                }
            }
            if (ok) {
                out().println(style.green("✔ Hash chain verified"));
                return ExitCodes.OK;
            }
            out().println(style.red("✖ Hash chain verification failed"));
            return ExitCodes.FAILED;
        }
    }
}
