package xyz.keystoneos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When colours are on, what the timeline lines look like. */
class StyleAndTimelineTest {

    private static CliContext context(boolean interactive, Map<String, String> env) {
        return new CliContext(env, Path.of("/nonexistent"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()),
                interactive, null, Clock.systemUTC());
    }

    @Test
    void coloursOnlyOnATerminalWithoutNoColor() {
        assertThat(Style.resolve(Style.ColorMode.AUTO, false, context(true, Map.of())).enabled()).isTrue();
        assertThat(Style.resolve(Style.ColorMode.AUTO, false, context(false, Map.of())).enabled()).isFalse();
        assertThat(Style.resolve(Style.ColorMode.AUTO, false, context(true, Map.of("NO_COLOR", "1"))).enabled())
                .isFalse();
        assertThat(Style.resolve(Style.ColorMode.AUTO, false, context(true, Map.of("TERM", "dumb"))).enabled())
                .isFalse();
        // NO_COLOR set but empty does not count (no-color.org)
        assertThat(Style.resolve(Style.ColorMode.AUTO, false, context(true, Map.of("NO_COLOR", ""))).enabled())
                .isTrue();
        assertThat(Style.resolve(Style.ColorMode.AUTO, true, context(true, Map.of())).enabled()).isFalse();
        assertThat(Style.resolve(Style.ColorMode.NEVER, false, context(true, Map.of())).enabled()).isFalse();
        assertThat(Style.resolve(Style.ColorMode.ALWAYS, false, context(false, Map.of("NO_COLOR", "1"))).enabled())
                .isTrue();
        assertThat(Style.resolve(Style.ColorMode.ALWAYS, true, context(false, Map.of())).enabled()).isFalse();
    }

    @Test
    void statesHaveTheirColours() {
        Style ansi = Style.ansi();
        assertThat(ansi.state("FINALIZED")).isEqualTo("\u001b[1m\u001b[32mFINALIZED\u001b[0m\u001b[0m");
        assertThat(ansi.state("ROLLED_BACK")).contains("\u001b[31m");
        assertThat(ansi.state("AWAITING_DEPOSITS")).isEqualTo("\u001b[33mAWAITING_DEPOSITS\u001b[0m");
        assertThat(ansi.httpStatus(200)).isEqualTo("\u001b[32m200\u001b[0m");
        assertThat(ansi.httpStatus(500)).isEqualTo("\u001b[31m500\u001b[0m");
        assertThat(Style.plain().state("FINALIZED")).isEqualTo("FINALIZED");
        assertThat(Style.strip(ansi.state("FINALIZED"))).isEqualTo("FINALIZED");
    }

    private static TimelineEvent event(int sequence, String from, String to, String payload) throws Exception {
        JsonNode node = CliJson.mapper().readTree(payload);
        return new TimelineEvent("e" + sequence, "s-1", sequence, from, to, "system:engine", node, "ev", "ct",
                Instant.parse("2026-11-23T10:16:44.801223Z"));
    }

    @Test
    void aTimelineLineShowsSequenceTimeTransitionActorAndReasons() throws Exception {
        Timeline plain = Timeline.standard(Style.plain());
        assertThat(plain.line(event(3, "COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED", "{}")))
                .isEqualTo("  ● #3  2026-11-23 10:16:44.801Z  COMPLIANCE_CHECKING → COMPLIANCE_CLEARED"
                        + "  system:engine");
        assertThat(plain.line(event(1, null, "INSTRUCTED", "{\"reason\":\"created\"}")))
                .isEqualTo("  ● #1  2026-11-23 10:16:44.801Z  INSTRUCTED  system:engine");
        assertThat(plain.line(event(6, "EXECUTING_SWAP", "FINALIZED", "{}"))).startsWith("  ✔ #6 ");
        assertThat(plain.line(event(4, "AWAITING_DEPOSITS", "TIMED_OUT",
                "{\"reason\":\"timeout_at_passed\",\"timeout_at\":\"2026-11-23T10:00:00Z\"}")))
                .startsWith("  ✖ #4 ")
                .endsWith("(reason: timeout_at_passed, timeout_at: 2026-11-23T10:00:00Z)");
    }

    @Test
    void colouredLinesColourTheTargetStateAndMarker() throws Exception {
        Timeline coloured = Timeline.standard(Style.ansi());
        String line = coloured.line(event(6, "EXECUTING_SWAP", "FINALIZED", "{}"));
        assertThat(line).contains("\u001b[32m✔\u001b[0m").contains(Style.ansi().state("FINALIZED"));
        assertThat(Style.strip(line)).isEqualTo(Timeline.standard(Style.plain())
                .line(event(6, "EXECUTING_SWAP", "FINALIZED", "{}")));
        String waiting = coloured.line(event(4, "COMPLIANCE_CLEARED", "AWAITING_DEPOSITS", "{}"));
        assertThat(waiting).contains("\u001b[33m●\u001b[0m");
    }

    @Test
    void aCustomTemplatesTerminalStatesAreHonoured() throws Exception {
        Timeline custom = new Timeline(Style.plain(), Set.of("SETTLED", "ABORTED"), Set.of("ABORTED"));
        assertThat(custom.isTerminal("SETTLED")).isTrue();
        assertThat(custom.isFailure("SETTLED")).isFalse();
        assertThat(custom.line(event(2, "X", "ABORTED", "{}"))).startsWith("  ✖ ");
        assertThat(custom.isTerminal("FINALIZED")).isFalse();
    }

    @Test
    void theCliPrintsColoursOnlyWhenAskedOrOnATerminal(@org.junit.jupiter.api.io.TempDir Path home) {
        try (StubApi api = new StubApi()) {
            api.json("GET /v1/settlements", """
                    {"items":[{"id":"s-1","state":"FINALIZED","settlement_type":"single_platform",
                    "template_slug":"dvp-standard","created_at":"2026-11-23T10:16:44Z"}],
                    "total":1,"limit":20,"offset":0}""");
            CliRun piped = CliRun.in(home).env("KEYSTONE_CLIENT_ID", "ksc_test")
                    .env("KEYSTONE_CLIENT_SECRET", "kss_good").env("KEYSTONE_BASE_URL", api.url())
                    .run("settlements", "list");
            assertThat(piped.exitCode).as(piped.toString()).isZero();
            assertThat(piped.out).contains("FINALIZED").doesNotContain("\u001b[");

            CliRun forced = CliRun.in(home).env("KEYSTONE_CLIENT_ID", "ksc_test")
                    .env("KEYSTONE_CLIENT_SECRET", "kss_good").env("KEYSTONE_BASE_URL", api.url())
                    .run("settlements", "list", "--color=always");
            assertThat(forced.out).contains(Style.ansi().state("FINALIZED"));

            CliRun terminal = CliRun.in(home).interactive().env("KEYSTONE_CLIENT_ID", "ksc_test")
                    .env("KEYSTONE_CLIENT_SECRET", "kss_good").env("KEYSTONE_BASE_URL", api.url())
                    .run("settlements", "list");
            assertThat(terminal.out).contains(Style.ansi().state("FINALIZED"));

            CliRun noColor = CliRun.in(home).interactive().env("KEYSTONE_CLIENT_ID", "ksc_test")
                    .env("KEYSTONE_CLIENT_SECRET", "kss_good").env("KEYSTONE_BASE_URL", api.url())
                    .env("NO_COLOR", "1").run("settlements", "list");
            assertThat(noColor.out).doesNotContain("\u001b[");

            CliRun flag = CliRun.in(home).interactive().env("KEYSTONE_CLIENT_ID", "ksc_test")
                    .env("KEYSTONE_CLIENT_SECRET", "kss_good").env("KEYSTONE_BASE_URL", api.url())
                    .run("settlements", "list", "--no-color");
            assertThat(flag.out).doesNotContain("\u001b[");
        }
    }
}
