package xyz.keystoneos.dashboard.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settlements: the list (tabs, search by reference, newest or oldest first, 20 a page) and the detail page, whose
 * live part polls {@code …/live} every two seconds and is redrawn only when the settlement's {@code version}
 * changed (204 otherwise, which htmx leaves alone); polling stops once the state is terminal.
 */
@Controller
class SettlementPages {

    static final int PAGE_SIZE = 20;

    /** The list's tabs and the states each shows (none = every state). */
    enum Tab {
        ALL("All", List.of()),
        ACTIVE("Active", Pages.ACTIVE),
        COMPLIANCE("Compliance", List.of("COMPLIANCE_CHECKING")),
        SETTLED("Settled", List.of("FINALIZED")),
        FAILED("Failed", Pages.FAILED);

        final String label;
        final List<String> states;

        Tab(String label, List<String> states) {
            this.label = label;
            this.states = states;
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public String label() {
            return label;
        }

        static Tab of(String key) {
            for (Tab tab : values()) {
                if (tab.key().equals(key)) {
                    return tab;
                }
            }
            return ALL;
        }
    }

    private final Pages pages;

    SettlementPages(Pages pages) {
        this.pages = pages;
    }

    @GetMapping("/dashboard/settlements")
    String list(Dashboard dashboard, @RequestParam(name = "tab", defaultValue = "all") String tabKey,
            @RequestParam(name = "q", required = false) String search,
            @RequestParam(name = "sort", defaultValue = "newest") String sort,
            @RequestParam(name = "page", defaultValue = "1") int page, HttpServletRequest request, Model model) {
        Tab tab = Tab.of(tabKey);
        boolean oldestFirst = "oldest".equals(sort);
        String reference = search == null ? null : search.trim();
        int current = Math.max(1, page);
        List<Map<String, Object>> items;
        long total;
        UUID id = uuid(reference);
        if (id != null) {
            // An id in the search box: that settlement, if it is visible here.
            items = findById(dashboard, id);
            total = items.size();
            current = 1;
        } else if (!oldestFirst) {
            Map<String, Object> answer = dashboard.get(listQuery(tab, reference, PAGE_SIZE, (current - 1) * PAGE_SIZE));
            items = Dashboard.items(answer);
            total = Dashboard.total(answer);
        } else {
            // The API lists newest first; oldest first reads the mirrored window and reverses it.
            total = Dashboard.total(dashboard.get(listQuery(tab, reference, 1, 0)));
            long end = total - (long) (current - 1) * PAGE_SIZE;
            long start = Math.max(0, end - PAGE_SIZE);
            items = new ArrayList<>();
            if (end > 0) {
                items.addAll(Dashboard.items(dashboard.get(listQuery(tab, reference, (int) (end - start), start))));
                Collections.reverse(items);
            }
        }
        model.addAttribute("tabs", Tab.values());
        model.addAttribute("tab", tab);
        model.addAttribute("q", reference == null ? "" : reference);
        model.addAttribute("sort", oldestFirst ? "oldest" : "newest");
        model.addAttribute("items", items);
        model.addAttribute("total", total);
        model.addAttribute("page", current);
        model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
        if (DashboardSecurityConfiguration.isHtmx(request)
                && "settlement-results".equals(request.getHeader("HX-Target"))) {
            return "dashboard/settlements :: results";
        }
        return pages.render(model, dashboard, "settlements", "dashboard/settlements");
    }

    private static String listQuery(Tab tab, String reference, int limit, long offset) {
        return Dashboard.query("/v1/settlements", "state", tab.states, "external_reference", reference, "limit", limit,
                "offset", offset);
    }

    private static List<Map<String, Object>> findById(Dashboard dashboard, UUID id) {
        try {
            return List.of(dashboard.get("/v1/settlements/" + id));
        } catch (ApiProblem problem) {
            if (problem.status() == 404) {
                return List.of();
            }
            throw problem;
        }
    }

    static UUID uuid(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @GetMapping("/dashboard/settlements/{id}")
    String detail(Dashboard dashboard, @PathVariable("id") UUID id, Model model) {
        live(dashboard, dashboard.get("/v1/settlements/" + id), model);
        return pages.render(model, dashboard, "settlements", "dashboard/settlement");
    }

    /** The live part of the detail page; 204 while {@code version} is unchanged. */
    @GetMapping("/dashboard/settlements/{id}/live")
    String liveFragment(Dashboard dashboard, @PathVariable("id") UUID id,
            @RequestParam(name = "version", required = false) Integer version, HttpServletResponse response,
            Model model) {
        Map<String, Object> settlement = dashboard.get("/v1/settlements/" + id);
        if (version != null && Objects.equals(settlement.get("version"), version)) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return "dashboard/fragments :: empty";
        }
        live(dashboard, settlement, model);
        model.addAttribute("can", new Pages.Permissions(dashboard.viewer()));
        return "dashboard/settlement :: live";
    }

    private static void live(Dashboard dashboard, Map<String, Object> settlement, Model model) {
        String id = String.valueOf(settlement.get("id"));
        model.addAttribute("s", settlement);
        model.addAttribute("events", Dashboard.items(dashboard.get("/v1/settlements/" + id + "/events")));
        model.addAttribute("evidence", dashboard.get("/v1/settlements/" + id + "/evidence"));
        model.addAttribute("reviewPending", ComplianceController.awaitsReview(settlement));
        // Polled every 2 s until the settlement is final; the version makes unchanged polls a cheap 204.
        model.addAttribute("liveUrl", Pages.TERMINAL.contains(String.valueOf(settlement.get("state"))) ? null
                : "/dashboard/settlements/" + id + "/live?version=" + settlement.get("version"));
    }

    /** Approve or reject a flagged settlement, from its detail page or from the compliance queue. */
    @PostMapping("/dashboard/settlements/{id}/compliance-decision")
    String decide(Dashboard dashboard, @PathVariable("id") UUID id, @RequestParam("decision") String decision,
            @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "from", defaultValue = "detail") String from, HttpServletRequest request,
            Model model, RedirectAttributes redirect) {
        boolean queue = "queue".equals(from);
        String problem = ComplianceController.checkDecision(decision, reason);
        Map<String, Object> settlement = null;
        if (problem == null) {
            try {
                settlement = dashboard.post("/v1/settlements/" + id + "/compliance-decision",
                        reason == null || reason.isBlank() ? Map.of("decision", decision)
                                : Map.of("decision", decision, "reason", reason.trim()));
            } catch (ApiProblem refused) {
                problem = refused.friendly();
            }
        }
        String message = problem != null ? problem
                : ("approve".equals(decision) ? "Approved" : "Rejected") + ": the settlement is now "
                        + settlement.get("state") + ".";
        if (queue && DashboardSecurityConfiguration.isHtmx(request)) {
            model.addAttribute("id", id);
            model.addAttribute("message", message);
            model.addAttribute("failed", problem != null);
            return "dashboard/fragments :: decided";
        }
        redirect.addFlashAttribute(problem != null ? "error" : "notice", message);
        return "redirect:" + (queue ? "/dashboard/compliance" : "/dashboard/settlements/" + id);
    }
}
