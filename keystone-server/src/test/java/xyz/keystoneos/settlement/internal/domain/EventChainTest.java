package xyz.keystoneos.settlement.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import xyz.keystoneos.settlement.internal.domain.EventChain.Link;

/** {@link EventChain}: the evidence and content hashes of SPEC §7 and the verification of the chain. */
class EventChainTest {

    private static final UUID SETTLEMENT = UUID.fromString("0b6f8c1e-2d4a-4e3b-9c7d-5a1f2e3d4c5b");
    private static final Instant START = Instant.parse("2026-11-01T09:30:00.123456Z");

    /** A verifying chain of five events: creation, then the first four moves of dvp-standard. */
    private static List<Link> chain() {
        String[][] events = {
                {null, "INSTRUCTED", "m2m:client_abc", "{\"external_reference\":\"T-1\"}"},
                {"INSTRUCTED", "COMPLIANCE_CHECKING", "system:engine", "{\"reason\":\"automatic\"}"},
                {"COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED", "user:4f1c", "{\"decision\":\"approve\"}"},
                {"COMPLIANCE_CLEARED", "AWAITING_DEPOSITS", "system:engine", "{\"reason\":\"automatic\"}"},
                {"AWAITING_DEPOSITS", "EXECUTING_SWAP", "chain:0xabc123", "{}"}};
        List<Link> links = new ArrayList<>();
        String previous = EventChain.GENESIS;
        for (int i = 0; i < events.length; i++) {
            Link link = sealed(previous, SETTLEMENT, i + 1, events[i][0], events[i][1], events[i][2], events[i][3],
                    START.plusSeconds(7L * i));
            links.add(link);
            previous = link.contentHash();
        }
        return links;
    }

    /** A link with correct evidence and content hashes after {@code previous}. */
    private static Link sealed(String previous, UUID settlement, int sequence, String from, String to,
            String triggeredBy, String payload, Instant at) {
        String evidence = EventChain.evidenceHash(from, to, triggeredBy);
        return new Link(settlement, sequence, from, to, triggeredBy, payload, evidence, at,
                EventChain.contentHash(previous, settlement, sequence, from, to, triggeredBy, payload, evidence, at));
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Link> replace(List<Link> links, int sequence, UnaryOperator<Link> change) {
        List<Link> changed = new ArrayList<>(links);
        changed.set(sequence - 1, change.apply(links.get(sequence - 1)));
        return changed;
    }

    /** One tampering per field of {@link Link}, each keeping every other field as it was. */
    static Stream<Arguments> tamperings() {
        List<Arguments> cases = new ArrayList<>();
        List<Object[]> fields = List.of(
                new Object[] {"payload", (UnaryOperator<Link>) l -> new Link(l.settlementId(), l.sequence(),
                        l.fromState(), l.toState(), l.triggeredBy(), l.payloadJson().replace("}", ",\"x\":1}"),
                        l.evidenceHash(), l.createdAt(), l.contentHash())},
                new Object[] {"triggered_by", (UnaryOperator<Link>) l -> new Link(l.settlementId(), l.sequence(),
                        l.fromState(), l.toState(), "admin:mallory", l.payloadJson(), l.evidenceHash(),
                        l.createdAt(), l.contentHash())},
                new Object[] {"to_state", (UnaryOperator<Link>) l -> new Link(l.settlementId(), l.sequence(),
                        l.fromState(), "ROLLED_BACK", l.triggeredBy(), l.payloadJson(), l.evidenceHash(),
                        l.createdAt(), l.contentHash())},
                new Object[] {"from_state", (UnaryOperator<Link>) l -> new Link(l.settlementId(), l.sequence(),
                        "TIMED_OUT", l.toState(), l.triggeredBy(), l.payloadJson(), l.evidenceHash(),
                        l.createdAt(), l.contentHash())},
                new Object[] {"created_at", (UnaryOperator<Link>) l -> new Link(l.settlementId(), l.sequence(),
                        l.fromState(), l.toState(), l.triggeredBy(), l.payloadJson(), l.evidenceHash(),
                        l.createdAt().plusNanos(1_000), l.contentHash())},
                new Object[] {"evidence_hash", (UnaryOperator<Link>) l -> new Link(l.settlementId(), l.sequence(),
                        l.fromState(), l.toState(), l.triggeredBy(), l.payloadJson(),
                        EventChain.evidenceHash(l.fromState(), l.toState(), "admin:mallory"), l.createdAt(),
                        l.contentHash())},
                new Object[] {"content_hash", (UnaryOperator<Link>) l -> new Link(l.settlementId(), l.sequence(),
                        l.fromState(), l.toState(), l.triggeredBy(), l.payloadJson(), l.evidenceHash(),
                        l.createdAt(), EventChain.GENESIS)},
                new Object[] {"settlement_id", (UnaryOperator<Link>) l -> new Link(UUID.randomUUID(), l.sequence(),
                        l.fromState(), l.toState(), l.triggeredBy(), l.payloadJson(), l.evidenceHash(),
                        l.createdAt(), l.contentHash())});
        for (Object[] field : fields) {
            for (int sequence = 1; sequence <= 5; sequence++) {
                cases.add(Arguments.of(field[0], sequence, field[1]));
            }
        }
        return cases.stream();
    }

    @Test
    void anIntactChainVerifies() {
        assertThat(EventChain.firstBrokenLink(chain())).isEqualTo(-1);
    }

    @Test
    void anEmptyChainVerifies() {
        assertThat(EventChain.firstBrokenLink(List.of())).isEqualTo(-1);
    }

    @Test
    void theGenesisHashIsSixtyFourZeros() {
        assertThat(EventChain.GENESIS).hasSize(64).matches("0+");
    }

    @ParameterizedTest(name = "{0} of link {1}")
    @MethodSource("tamperings")
    void changingAnyFieldOfAnyLinkBreaksTheChainAtThatLink(String field, int sequence, UnaryOperator<Link> change) {
        List<Link> tampered = replace(chain(), sequence, change);

        assertThat(EventChain.firstBrokenLink(tampered)).isEqualTo(sequence);
    }

    @ParameterizedTest(name = "link {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void resealingATamperedLinkMovesTheBreakToTheNextLink(int sequence) {
        List<Link> tampered = replace(chain(), sequence, l -> sealed(
                sequence == 1 ? EventChain.GENESIS : chain().get(sequence - 2).contentHash(), l.settlementId(),
                l.sequence(), l.fromState(), l.toState(), l.triggeredBy(), "{\"forged\":true}", l.createdAt()));

        assertThat(EventChain.firstBrokenLink(tampered)).isEqualTo(sequence + 1);
    }

    @ParameterizedTest(name = "link {0}")
    @ValueSource(ints = {1, 2, 3, 4})
    void removingALinkBreaksTheChainAtTheLinkThatFollowedIt(int sequence) {
        List<Link> links = chain();
        links.remove(sequence - 1);

        assertThat(EventChain.firstBrokenLink(links)).isEqualTo(sequence + 1);
    }

    @Test
    void removingTheLastLinkLeavesAVerifyingChainSoTruncationShowsOnlyInTheHeadHash() {
        List<Link> links = chain();
        String head = links.getLast().contentHash();
        links.removeLast();

        assertThat(EventChain.firstBrokenLink(links)).isEqualTo(-1);
        assertThat(links.getLast().contentHash()).isNotEqualTo(head);
    }

    @Test
    void swappingTwoLinksReportsTheLinkThatMovedForward() {
        List<Link> links = chain();
        Link second = links.get(1);
        links.set(1, links.get(2));
        links.set(2, second);

        assertThat(EventChain.firstBrokenLink(links)).isEqualTo(3);
    }

    @Test
    void swappingTheContentOfTwoEventsUnderTheirStoredSequencesBreaksTheChainAtTheFirstOfThem() {
        List<Link> links = chain();
        Link second = links.get(1);
        Link third = links.get(2);
        links.set(1, new Link(third.settlementId(), 2, third.fromState(), third.toState(), third.triggeredBy(),
                third.payloadJson(), third.evidenceHash(), third.createdAt(), third.contentHash()));
        links.set(2, new Link(second.settlementId(), 3, second.fromState(), second.toState(), second.triggeredBy(),
                second.payloadJson(), second.evidenceHash(), second.createdAt(), second.contentHash()));

        assertThat(EventChain.firstBrokenLink(links)).isEqualTo(2);
    }

    @Test
    void aChainThatDoesNotStartAtSequenceOneIsBrokenAtItsFirstLink() {
        List<Link> links = chain();
        links.removeFirst();

        assertThat(EventChain.firstBrokenLink(links)).isEqualTo(2);
    }

    @Test
    void aLinkRenumberedInPlaceIsReportedByItsStoredSequence() {
        List<Link> links = replace(chain(), 3, l -> new Link(l.settlementId(), 13, l.fromState(), l.toState(),
                l.triggeredBy(), l.payloadJson(), l.evidenceHash(), l.createdAt(), l.contentHash()));

        assertThat(EventChain.firstBrokenLink(links)).isEqualTo(13);
    }

    @Test
    void aChainResealedFromScratchWithGapFreeSequencesVerifies() {
        List<Link> links = chain();
        List<Link> copy = new ArrayList<>();
        String previous = EventChain.GENESIS;
        for (Link l : links) {
            Link again = sealed(previous, l.settlementId(), l.sequence(), l.fromState(), l.toState(),
                    l.triggeredBy(), l.payloadJson(), l.createdAt());
            copy.add(again);
            previous = again.contentHash();
        }

        assertThat(copy).isEqualTo(links);
    }

    @Test
    void theEvidenceHashIsTheSha256OfFromToAndTriggeredBy() throws Exception {
        String hash = EventChain.evidenceHash("AWAITING_DEPOSITS", "EXECUTING_SWAP", "system:engine");

        assertThat(hash)
                .isEqualTo(sha256Hex("AWAITING_DEPOSITS:EXECUTING_SWAP:system:engine"))
                .isEqualTo("fd997710ed906edb0372a6f499ae9cf50680f9b7ab8742e39acb1f7bd2ced6b6");
    }

    @Test
    void theFirstEventsEvidenceHashHasAnEmptyFromState() throws Exception {
        assertThat(EventChain.evidenceHash(null, "INSTRUCTED", "m2m:client_abc"))
                .isEqualTo(sha256Hex(":INSTRUCTED:m2m:client_abc"))
                .isEqualTo("93a7eef52e578b3e5e801b6b7bc1fe643f1cde626ddce133327ef366a882f1ac");
    }

    @Test
    void theEvidenceHashIsLowercaseHexOfThirtyTwoBytes() {
        assertThat(EventChain.evidenceHash("INSTRUCTED", "COMPLIANCE_CHECKING", "system:engine"))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void theContentHashChainsThePreviousHashWithEveryFieldOfTheEvent() throws Exception {
        String evidence = EventChain.evidenceHash("INSTRUCTED", "COMPLIANCE_CHECKING", "system:engine");
        String previous = "ab".repeat(32);
        Instant at = Instant.parse("2026-11-01T09:30:00.123456Z");

        String hash = EventChain.contentHash(previous, SETTLEMENT, 2, "INSTRUCTED", "COMPLIANCE_CHECKING",
                "system:engine", "{\"reason\":\"automatic\"}", evidence, at);

        assertThat(hash).isEqualTo(sha256Hex(String.join("|", previous, SETTLEMENT.toString(), "2", "INSTRUCTED",
                "COMPLIANCE_CHECKING", "system:engine", "{\"reason\":\"automatic\"}", evidence,
                "2026-11-01T09:30:00.123456Z")));
    }

    @Test
    void theFirstEventsContentHashStartsFromGenesisWithAnEmptyFromState() throws Exception {
        Link first = chain().getFirst();

        assertThat(first.contentHash()).isEqualTo(sha256Hex(String.join("|", EventChain.GENESIS,
                SETTLEMENT.toString(), "1", "", "INSTRUCTED", "m2m:client_abc", "{\"external_reference\":\"T-1\"}",
                first.evidenceHash(), "2026-11-01T09:30:00.123456Z")));
    }

    @Test
    void everyLinkOfTheChainHasADistinctContentHash() {
        assertThat(chain().stream().map(Link::contentHash).distinct()).hasSize(5);
        assertThat(IntStream.rangeClosed(1, 5).boxed().toList())
                .isEqualTo(chain().stream().map(Link::sequence).toList());
    }
}
