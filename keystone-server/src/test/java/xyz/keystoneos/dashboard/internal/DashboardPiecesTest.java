package xyz.keystoneos.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's small decisions, without a server: messages, queries, the chart, the queue filter. */
class DashboardPiecesTest {

    @Test
    void apiRefusalsBecomeMessagesAPersonCanActOn() {
        assertThat(new ApiProblem(403, "insufficient_scope", "This endpoint requires the scope 'x'", List.of(), "r1")
                .friendly()).isEqualTo("Your role does not allow this.");
        assertThat(new ApiProblem(403, "environment_not_accessible", "nope", List.of(), null).friendly())
                .contains("environment is not available");
        assertThat(new ApiProblem(400, "validation_failed", "The request is invalid",
                List.of(Map.of("field", "url", "message", "must be http or https")), null).friendly())
                .isEqualTo("The request is invalid url: must be http or https.");
        assertThat(new ApiProblem(409, "last_manager", "A platform keeps at least one platform_manager", List.of(),
                null).friendly()).isEqualTo("A platform keeps at least one platform_manager");
        assertThat(new ApiProblem(503, "concurrent_update", "busy", List.of(), "req_42").friendly())
                .contains("req_42").contains("Try again");
    }

    @Test
    void queriesEncodeValuesRepeatListsAndLeaveOutBlanks() {
        assertThat(Dashboard.query("/v1/settlements", "state", List.of("ROLLED_BACK", "TIMED_OUT"),
                "external_reference", "A&B 1", "template_slug", " ", "limit", 20, "offset", 0))
                .isEqualTo("/v1/settlements?state=ROLLED_BACK&state=TIMED_OUT&external_reference=A%26B+1&limit=20"
                        + "&offset=0");
        assertThat(Dashboard.query("/v1/instructions", "status", null)).isEqualTo("/v1/instructions");
    }

    @Test
    void theChartScalesBarsToTheLargestCountAndDrawsNothingForZero() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("INSTRUCTED", 0L);
        counts.put("FINALIZED", 40L);
        counts.put("ROLLED_BACK", 10L);
        counts.put("TIMED_OUT", 0L);

        List<Map<String, Object>> bars = OverviewController.chart(counts);

        assertThat(bars).extracting(b -> b.get("width")).containsExactly(0L, 320L, 80L, 0L);
        assertThat(bars).extracting(b -> b.get("y")).containsExactly(0, 28, 56, 84);
        assertThat(OverviewController.chart(Map.of("FINALIZED", 0L))).extracting(b -> b.get("width"))
                .containsExactly(0L);
    }

    @Test
    void webhookEventPatternsAreSplitOnCommasAndSpaces() {
        assertThat(WebhookPages.patterns("settlement.state.*, instruction.matched  settlement.state.*"))
                .containsExactly("settlement.state.*", "instruction.matched");
        assertThat(WebhookPages.patterns("  ")).containsExactly("*");
        assertThat(WebhookPages.patterns(null)).containsExactly("*");
    }

    @Test
    void theQueueHoldsSettlementsInComplianceCheckingWithAFlaggedParty() {
        Map<String, Object> flagged = Map.of("state", "COMPLIANCE_CHECKING", "parties",
                List.of(Map.of("status", "cleared"), Map.of("status", "flagged")));
        Map<String, Object> screening = Map.of("state", "COMPLIANCE_CHECKING", "parties",
                List.of(Map.of("status", "pending"), Map.of("status", "cleared")));
        Map<String, Object> decided = Map.of("state", "COMPLIANCE_CLEARED", "parties",
                List.of(Map.of("status", "flagged")));

        assertThat(ComplianceController.awaitsReview(flagged)).isTrue();
        assertThat(ComplianceController.awaitsReview(screening)).isFalse();
        assertThat(ComplianceController.awaitsReview(decided)).isFalse();
    }

    @Test
    void aRejectionNeedsAReason() {
        assertThat(ComplianceController.checkDecision("approve", null)).isNull();
        assertThat(ComplianceController.checkDecision("approve", "")).isNull();
        assertThat(ComplianceController.checkDecision("reject", " ")).isEqualTo("Give a reason for the rejection.");
        assertThat(ComplianceController.checkDecision("reject", "sanctions hit")).isNull();
        assertThat(ComplianceController.checkDecision("maybe", "x")).isEqualTo("Choose approve or reject.");
        assertThat(ComplianceController.checkDecision("approve", "x".repeat(1001))).contains("1000");
    }

    @Test
    void tabsAndSearchTermsAreReadSafely() {
        assertThat(SettlementPages.Tab.of("failed").states).containsExactly("ROLLED_BACK", "TIMED_OUT");
        assertThat(SettlementPages.Tab.of("../../admin")).isEqualTo(SettlementPages.Tab.ALL);
        assertThat(SettlementPages.uuid("4a1c0b2e-9a51-4f43-9a59-0f1f6a9d3c11")).isNotNull();
        assertThat(SettlementPages.uuid("KS-4a1c0b2e")).isNull();
        assertThat(SettlementPages.uuid(null)).isNull();
    }

    @Test
    void formatsStatesTimesAndTones() {
        DashboardFormat format = new DashboardFormat();
        assertThat(format.label("COMPLIANCE_CHECKING")).isEqualTo("Compliance checking");
        assertThat(format.time("2026-11-23T10:15:02.125301Z")).isEqualTo("2026-11-23 10:15:02 UTC");
        assertThat(format.time(null)).isEqualTo("—");
        assertThat(format.tone("FINALIZED")).isEqualTo("ok");
        assertThat(format.tone("flagged")).isEqualTo("attention");
        assertThat(format.tone("TIMED_OUT")).isEqualTo("failed");
        assertThat(format.tone("AWAITING_DEPOSITS")).isEqualTo("pending");
        assertThat(format.terminal("ROLLED_BACK")).isTrue();
        assertThat(format.terminal("EXECUTING_SWAP")).isFalse();
        assertThat(format.shortId("4a1c0b2e-9a51-4f43-9a59-0f1f6a9d3c11")).isEqualTo("4a1c0b2e");
    }
}
