package xyz.keystoneos.dashboard.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The environment's instructions (filter by status, 20 a page); a pending one can be cancelled. */
@Controller
class InstructionPages {

    static final List<String> STATUSES = List.of("pending_match", "matched", "cancelled", "expired");

    private final Pages pages;

    InstructionPages(Pages pages) {
        this.pages = pages;
    }

    @GetMapping("/dashboard/instructions")
    String list(Dashboard dashboard, @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "q", required = false) String tradeReference,
            @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        String filter = status != null && STATUSES.contains(status) ? status : null;
        int current = Math.max(1, page);
        Map<String, Object> answer = dashboard.get(Dashboard.query("/v1/instructions", "status", filter,
                "trade_reference", tradeReference == null ? null : tradeReference.trim(),
                "limit", SettlementPages.PAGE_SIZE, "offset", (current - 1) * SettlementPages.PAGE_SIZE));
        long total = Dashboard.total(answer);
        model.addAttribute("items", Dashboard.items(answer));
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("status", filter == null ? "" : filter);
        model.addAttribute("q", tradeReference == null ? "" : tradeReference.trim());
        model.addAttribute("total", total);
        model.addAttribute("page", current);
        model.addAttribute("pages", Math.max(1, (total + SettlementPages.PAGE_SIZE - 1) / SettlementPages.PAGE_SIZE));
        return pages.render(model, dashboard, "instructions", "dashboard/instructions");
    }

    @PostMapping("/dashboard/instructions/{id}/cancel")
    String cancel(Dashboard dashboard, @PathVariable("id") UUID id, RedirectAttributes redirect) {
        try {
            dashboard.post("/v1/instructions/" + id + "/cancel", null);
            redirect.addFlashAttribute("notice", "Instruction cancelled.");
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("error", problem.friendly());
        }
        return "redirect:/dashboard/instructions";
    }
}
