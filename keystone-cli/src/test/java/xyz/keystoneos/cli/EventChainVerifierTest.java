package xyz.keystoneos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client-side chain check against a chain built here by hand with the server's formula (the integration test
 * in keystone-server checks it against real server chains).
 */
class EventChainVerifierTest {

    private static final String SETTLEMENT = "6f1c0000-0000-4000-8000-000000000001";

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Events as the API shows them, hashed with canonical payload texts given literally. */
    static List<TimelineEvent> chain() throws Exception {
        String[][] steps = {
                {null, "INSTRUCTED", "{\"reason\":\"created\",\"b\":{\"z\":1,\"a\":[{\"y\":2,\"x\":\"/é\"}]}}",
                        "{\"b\":{\"a\":[{\"x\":\"/é\",\"y\":2}],\"z\":1},\"reason\":\"created\"}",
                        "2026-11-23T10:16:44.801223Z"},
                {"INSTRUCTED", "COMPLIANCE_CHECKING", "{}", "{}", "2026-11-23T10:16:45Z"},
                {"COMPLIANCE_CHECKING", "ROLLED_BACK", "{\"reason\":null,\"parties\":[\"seller\"]}",
                        "{\"parties\":[\"seller\"],\"reason\":null}", "2026-11-23T10:16:45.100Z"},
        };
        List<TimelineEvent> events = new ArrayList<>();
        String previous = "0".repeat(64);
        for (int i = 0; i < steps.length; i++) {
            String[] step = steps[i];
            String from = step[0];
            String evidence = sha256((from == null ? "" : from) + ":" + step[1] + ":system:engine");
            String content = sha256(String.join("|", previous, SETTLEMENT, Integer.toString(i + 1),
                    from == null ? "" : from, step[1], "system:engine", step[3], evidence, step[4]));
            events.add(new TimelineEvent("e" + i, SETTLEMENT, i + 1, from, step[1], "system:engine",
                    CliJson.mapper().readTree(step[2]), evidence, content, Instant.parse(step[4])));
            previous = content;
        }
        return events;
    }

    @Test
    void anIntactChainVerifiesAndItsHeadIsTheLastContentHash() throws Exception {
        List<TimelineEvent> events = chain();
        EventChainVerifier.Result result = EventChainVerifier.verify(events);
        assertThat(result.valid()).isTrue();
        assertThat(result.firstBrokenSequence()).isNull();
        assertThat(result.headHash()).isEqualTo(events.get(2).contentHash());
        assertThat(result.links()).allSatisfy(link -> assertThat(link.intact()).isTrue());
    }

    @Test
    void canonicalJsonSortsKeysAtEveryLevelWithoutWhitespace() throws Exception {
        assertThat(EventChainVerifier.canonical(CliJson.mapper().readTree(
                "{ \"z\": [ {\"b\": 1, \"a\": 2.5} ], \"a\": {\"d\": true, \"c\": null} }")))
                .isEqualTo("{\"a\":{\"c\":null,\"d\":true},\"z\":[{\"a\":2.5,\"b\":1}]}");
    }

    @Test
    void anEditedPayloadBreaksItsLink() throws Exception {
        List<TimelineEvent> events = chain();
        TimelineEvent second = events.get(1);
        ObjectNode edited = CliJson.mapper().createObjectNode().put("reason", "edited");
        events.set(1, new TimelineEvent(second.id(), second.settlementId(), second.sequence(), second.fromState(),
                second.toState(), second.triggeredBy(), edited, second.evidenceHash(), second.contentHash(),
                second.createdAt()));
        EventChainVerifier.Result result = EventChainVerifier.verify(events);
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenSequence()).isEqualTo(2);
        assertThat(result.links().get(1).problem()).contains("content_hash");
        assertThat(result.links().get(2).intact()).isTrue(); // later links are judged on the stored chain
    }

    @Test
    void aChangedStateBreaksTheEvidenceHash() throws Exception {
        List<TimelineEvent> events = chain();
        TimelineEvent third = events.get(2);
        events.set(2, new TimelineEvent(third.id(), third.settlementId(), 3, third.fromState(), "FINALIZED",
                third.triggeredBy(), third.payload(), third.evidenceHash(), third.contentHash(), third.createdAt()));
        EventChainVerifier.Result result = EventChainVerifier.verify(events);
        assertThat(result.firstBrokenSequence()).isEqualTo(3);
        assertThat(result.links().get(2).evidenceOk()).isFalse();
    }

    @Test
    void aRemovedEventBreaksTheSequenceAndTheNextLink() throws Exception {
        List<TimelineEvent> events = chain();
        events.remove(1);
        EventChainVerifier.Result result = EventChainVerifier.verify(events);
        assertThat(result.firstBrokenSequence()).isEqualTo(3);
        assertThat(result.links().get(1).sequenceOk()).isFalse();
        assertThat(result.links().get(1).contentOk()).isFalse();
    }

    @Test
    void aMovedTimestampBreaksTheLink() throws Exception {
        List<TimelineEvent> events = chain();
        TimelineEvent first = events.get(0);
        events.set(0, new TimelineEvent(first.id(), first.settlementId(), 1, null, first.toState(),
                first.triggeredBy(), first.payload(), first.evidenceHash(), first.contentHash(),
                first.createdAt().plusNanos(1000)));
        assertThat(EventChainVerifier.verify(events).firstBrokenSequence()).isEqualTo(1);
    }

    @Test
    void eventsAreReadFromTheApiAnswerInSequenceOrder() throws Exception {
        JsonNode answer = CliJson.mapper().readTree("""
                {"items":[{"id":"b","settlement_id":"s","sequence":2,"from_state":"INSTRUCTED","to_state":"X",
                 "triggered_by":"m2m:ksc_1","payload":{},"evidence_hash":"e2","content_hash":"c2",
                 "created_at":"2026-11-23T10:16:45.000100Z"},
                {"id":"a","settlement_id":"s","sequence":1,"from_state":null,"to_state":"INSTRUCTED",
                 "triggered_by":"m2m:ksc_1","payload":{"reason":"created"},"evidence_hash":"e1","content_hash":"c1",
                 "created_at":"2026-11-23T10:16:44Z"}],"total":2}""");
        List<TimelineEvent> events = TimelineEvent.list(answer);
        assertThat(events).extracting(TimelineEvent::sequence).containsExactly(1, 2);
        assertThat(events.get(0).fromState()).isNull();
        assertThat(events.get(1).createdAt().toString()).isEqualTo("2026-11-23T10:16:45.000100Z");
    }
}
