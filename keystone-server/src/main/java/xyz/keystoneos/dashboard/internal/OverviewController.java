package xyz.keystoneos.dashboard.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The overview (totals, state chart, latest settlements), the environment switcher and the login-failure page. */
@Controller
class OverviewController {

    static final int CHART_WIDTH = 320;

    private final Pages pages;

    OverviewController(Pages pages) {
        this.pages = pages;
    }

    @GetMapping({"/", "/dashboard"})
    String overview(Dashboard dashboard, Model model) {
        Map<String, Long> perState = new LinkedHashMap<>();
        Map<String, Object> recent;
        List<Map<String, Object>> pendingReview;
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<Map<String, Object>>> counts = new LinkedHashMap<>();
            for (String state : Pages.STATES) {
                counts.put(state, calls.submit(() -> dashboard.get("/v1/settlements?limit=1&state=" + state)));
            }
            Future<Map<String, Object>> latest = calls.submit(() -> dashboard.get("/v1/settlements?limit=10"));
            Future<List<Map<String, Object>>> review = calls.submit(() -> ComplianceController.awaitingReview(dashboard));
            for (var count : counts.entrySet()) {
                perState.put(count.getKey(), Dashboard.total(result(count.getValue())));
            }
            recent = result(latest);
            pendingReview = result(review);
        }
        long total = Dashboard.total(recent);
        long active = Pages.ACTIVE.stream().mapToLong(perState::get).sum();
        model.addAttribute("total", total);
        model.addAttribute("active", active);
        model.addAttribute("completed", perState.get("FINALIZED"));
        model.addAttribute("failed", Pages.FAILED.stream().mapToLong(perState::get).sum());
        model.addAttribute("compliancePending", pendingReview.size());
        model.addAttribute("recent", Dashboard.items(recent));
        model.addAttribute("chart", chart(perState));
        model.addAttribute("chartDescription", String.join(", ", perState.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).toList()));
        return pages.render(model, dashboard, "overview", "dashboard/overview");
    }

    /** One bar per state, scaled to the largest count, for a server-drawn SVG (no script, no inline style). */
    static List<Map<String, Object>> chart(Map<String, Long> perState) {
        long max = Math.max(1, perState.values().stream().mapToLong(Long::longValue).max().orElse(1));
        List<Map<String, Object>> bars = new ArrayList<>();
        int row = 0;
        for (var entry : perState.entrySet()) {
            long width = entry.getValue() == 0 ? 0 : Math.max(2, entry.getValue() * CHART_WIDTH / max);
            bars.add(Map.of("state", entry.getKey(), "count", entry.getValue(), "width", width, "y", row * 28));
            row++;
        }
        return bars;
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The environment switcher: remembered in the session, then back to the page the user was on. */
    @PostMapping("/dashboard/environment")
    String switchEnvironment(Dashboard dashboard, @RequestParam("environment_id") String environmentId,
            @RequestParam(name = "return_to", required = false) String returnTo, HttpServletRequest request) {
        boolean known = Pages.environments(dashboard).stream().anyMatch(e -> environmentId.equals(e.get("id")));
        if (known) {
            DashboardArgumentResolver.choose(request, environmentId);
        }
        return "redirect:" + (returnTo != null && returnTo.matches("^/dashboard(/[A-Za-z0-9/_-]*)?$")
                ? returnTo : "/dashboard");
    }

    @GetMapping(DashboardSecurityConfiguration.LOGIN_FAILED)
    String loginFailed() {
        return "dashboard/login-failed";
    }
}
