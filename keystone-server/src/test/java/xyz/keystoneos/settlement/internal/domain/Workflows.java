package xyz.keystoneos.settlement.internal.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.template.Gate;
import xyz.keystoneos.template.LegType;
import xyz.keystoneos.template.TemplateConfig;

/** Workflows and snapshots for the settlement domain tests: the seeded templates, and hand-built variants. */
final class Workflows {

    static final String INSTRUCTED = "INSTRUCTED";
    static final String COMPLIANCE_CHECKING = "COMPLIANCE_CHECKING";
    static final String COMPLIANCE_CLEARED = "COMPLIANCE_CLEARED";
    static final String AWAITING_DEPOSITS = "AWAITING_DEPOSITS";
    static final String EXECUTING_SWAP = "EXECUTING_SWAP";
    static final String FINALIZED = "FINALIZED";
    static final String ROLLED_BACK = "ROLLED_BACK";
    static final String TIMED_OUT = "TIMED_OUT";

    /** Every state of dvp-standard, in workflow order. */
    static final List<String> DVP_STATES = List.of(INSTRUCTED, COMPLIANCE_CHECKING, COMPLIANCE_CLEARED,
            AWAITING_DEPOSITS, EXECUTING_SWAP, FINALIZED, ROLLED_BACK, TIMED_OUT);
    static final List<String> TERMINAL_STATES = List.of(FINALIZED, ROLLED_BACK, TIMED_OUT);
    static final List<String> SEED_SLUGS = List.of("dvp-standard", "cross_platform_dvp", "fop-standard",
            "repo-standard");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private static final TemplateConfig DVP_STANDARD = seed("dvp-standard");

    private Workflows() {
    }

    /** The workflow of {@code templates/seed/dvp-standard.json}, as the server seeds it. */
    static TemplateConfig dvpStandard() {
        return DVP_STANDARD;
    }

    /** The slugs of the seeded templates, as a {@code @MethodSource}. */
    static List<String> seedSlugs() {
        return SEED_SLUGS;
    }

    /** The workflow of one seeded template, read from {@code templates/seed/<slug>.json}. */
    static TemplateConfig seed(String slug) {
        String resource = "templates/seed/" + slug + ".json";
        try (InputStream in = Workflows.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            JsonNode root = MAPPER.readTree(in);
            return MAPPER.treeToValue(root.get("config"), TemplateConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hand-built workflow: {@code transitions} maps each state to its allowed next states. */
    static TemplateConfig workflow(List<String> states, List<String> terminal, List<String> failure,
            Map<String, List<String>> transitions, Map<String, Gate> gates) {
        Map<String, TemplateConfig.Transition> table = new LinkedHashMap<>();
        transitions.forEach((from, next) -> table.put(from, new TemplateConfig.Transition(next)));
        return new TemplateConfig(states, states.getFirst(), terminal, failure, table, gates,
                List.of("seller", "buyer"), List.of(LegType.ASSET_DELIVERY, LegType.PAYMENT), null, null);
    }

    /** dvp-standard with an extra, non-terminal state {@code SETTLING} between the swap and FINALIZED. */
    static TemplateConfig dvpWithSettlingAfterSwap() {
        List<String> states = new ArrayList<>(DVP_STATES);
        states.add(states.indexOf(FINALIZED), "SETTLING");
        Map<String, List<String>> transitions = new LinkedHashMap<>();
        transitions.put(INSTRUCTED, List.of(COMPLIANCE_CHECKING));
        transitions.put(COMPLIANCE_CHECKING, List.of(COMPLIANCE_CLEARED, ROLLED_BACK));
        transitions.put(COMPLIANCE_CLEARED, List.of(AWAITING_DEPOSITS));
        transitions.put(AWAITING_DEPOSITS, List.of(EXECUTING_SWAP, ROLLED_BACK, TIMED_OUT));
        transitions.put(EXECUTING_SWAP, List.of("SETTLING", ROLLED_BACK));
        transitions.put("SETTLING", List.of(FINALIZED));
        transitions.put(FINALIZED, List.of());
        transitions.put(ROLLED_BACK, List.of());
        transitions.put(TIMED_OUT, List.of());
        return workflow(states, TERMINAL_STATES, List.of(ROLLED_BACK, TIMED_OUT), transitions, dvpGates());
    }

    static Map<String, Gate> dvpGates() {
        Map<String, Gate> gates = new LinkedHashMap<>();
        gates.put(COMPLIANCE_CLEARED, Gate.COMPLIANCE);
        gates.put(EXECUTING_SWAP, Gate.ALL_DEPOSITS);
        return gates;
    }

    static SettlementSnapshot snapshot(TemplateConfig workflow, String state, List<PartyStatus> parties,
            List<LegStatus> legs) {
        return new SettlementSnapshot(UUID.fromString("7d0c2f4e-9a51-4c1b-8f59-3c1f0a6b2e11"), state, 3, workflow,
                Instant.parse("2030-01-01T00:00:00Z"), parties, legs);
    }

    /** A dvp-standard settlement in {@code state} with the given party and leg statuses. */
    static SettlementSnapshot dvp(String state, List<PartyStatus> parties, List<LegStatus> legs) {
        return snapshot(DVP_STANDARD, state, parties, legs);
    }

    /** A dvp-standard settlement in {@code state} whose gates are both satisfied (parties cleared, legs locked). */
    static SettlementSnapshot dvpReady(String state) {
        return dvp(state, List.of(PartyStatus.CLEARED, PartyStatus.CLEARED),
                List.of(LegStatus.LOCKED, LegStatus.LOCKED));
    }

    /** A dvp-standard settlement in {@code state} where nothing has happened yet (pending parties and legs). */
    static SettlementSnapshot dvpFresh(String state) {
        return dvp(state, List.of(PartyStatus.PENDING, PartyStatus.PENDING),
                List.of(LegStatus.PENDING, LegStatus.PENDING));
    }
}
