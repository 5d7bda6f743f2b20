package xyz.keystoneos.dashboard.internal;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The compliance queue: settlements in {@code COMPLIANCE_CHECKING} with a flagged party, i.e. waiting for a
 * person's decision (approve, or reject with a reason).
 */
@Controller
class ComplianceController {

    /** The API's page size limit; the queue shows at most this many. */
    static final int QUEUE_LIMIT = 200;

    private final Pages pages;

    ComplianceController(Pages pages) {
        this.pages = pages;
    }

    @GetMapping("/dashboard/compliance")
    String queue(Dashboard dashboard, Model model) {
        model.addAttribute("items", awaitingReview(dashboard));
        return pages.render(model, dashboard, "compliance", "dashboard/compliance");
    }

    static List<Map<String, Object>> awaitingReview(Dashboard dashboard) {
        return Dashboard.items(dashboard.get("/v1/settlements?state=COMPLIANCE_CHECKING&limit=" + QUEUE_LIMIT))
                .stream().filter(ComplianceController::awaitsReview).toList();
    }

    @SuppressWarnings("unchecked")
    static boolean awaitsReview(Map<String, Object> settlement) {
        if (!"COMPLIANCE_CHECKING".equals(settlement.get("state"))) {
            return false;
        }
        Object parties = settlement.get("parties");
        return parties instanceof List<?> list && list.stream()
                .anyMatch(p -> "flagged".equals(((Map<String, Object>) p).get("status")));
    }

    /** Why a decision cannot be sent as it is, or null. */
    static String checkDecision(String decision, String reason) {
        if (!"approve".equals(decision) && !"reject".equals(decision)) {
            return "Choose approve or reject.";
        }
        if ("reject".equals(decision) && (reason == null || reason.isBlank())) {
            return "Give a reason for the rejection.";
        }
        if (reason != null && reason.length() > 1000) {
            return "The reason is limited to 1000 characters.";
        }
        return null;
    }
}
