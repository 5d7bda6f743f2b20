package xyz.keystoneos.dashboard.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
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

/**
 * Webhook endpoints of the selected environment: create (the secret is shown on the answer page only), enable or
 * disable, rotate the secret, send a test ping, delete; per endpoint the delivery log with a resend button.
 */
@Controller
class WebhookPages {

    static final List<String> DELIVERY_STATUSES = List.of("pending", "succeeded", "failed");

    private final Pages pages;

    WebhookPages(Pages pages) {
        this.pages = pages;
    }

    @GetMapping("/dashboard/webhooks")
    String list(Dashboard dashboard, Model model) {
        model.addAttribute("endpoints", Dashboard.items(dashboard.get("/v1/platforms/me/webhooks?limit=200")));
        model.addAttribute("form", Map.of("url", "", "description", "", "events", "*"));
        return pages.render(model, dashboard, "webhooks", "dashboard/webhooks");
    }

    @PostMapping("/dashboard/webhooks")
    String create(Dashboard dashboard, @RequestParam("url") String url,
            @RequestParam(name = "description", required = false) String description,
            @RequestParam(name = "events", required = false) String events, Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url.trim());
        if (description != null && !description.isBlank()) {
            body.put("description", description.trim());
        }
        body.put("events", patterns(events));
        try {
            Map<String, Object> created = dashboard.post("/v1/platforms/me/webhooks", body);
            model.addAttribute("created", created);
            model.addAttribute("form", Map.of("url", "", "description", "", "events", "*"));
        } catch (ApiProblem problem) {
            model.addAttribute("error", problem.friendly());
            model.addAttribute("form", Map.of("url", url, "description", description == null ? "" : description,
                    "events", events == null ? "*" : events));
        }
        model.addAttribute("endpoints", Dashboard.items(dashboard.get("/v1/platforms/me/webhooks?limit=200")));
        return pages.render(model, dashboard, "webhooks", "dashboard/webhooks");
    }

    static List<String> patterns(String events) {
        if (events == null || events.isBlank()) {
            return List.of("*");
        }
        return Arrays.stream(events.split("[,\\s]+")).filter(e -> !e.isBlank()).distinct().toList();
    }

    @GetMapping("/dashboard/webhooks/{id}")
    String detail(Dashboard dashboard, @PathVariable("id") UUID id,
            @RequestParam(name = "status", required = false) String status, Model model) {
        fill(dashboard, id, status, model);
        return pages.render(model, dashboard, "webhooks", "dashboard/webhook");
    }

    private static void fill(Dashboard dashboard, UUID id, String status, Model model) {
        String filter = status != null && DELIVERY_STATUSES.contains(status) ? status : null;
        model.addAttribute("endpoint", dashboard.get("/v1/platforms/me/webhooks/" + id));
        model.addAttribute("deliveries", Dashboard.items(dashboard.get(Dashboard.query(
                "/v1/platforms/me/webhooks/" + id + "/deliveries", "status", filter, "limit", 50))));
        model.addAttribute("statuses", DELIVERY_STATUSES);
        model.addAttribute("status", filter == null ? "" : filter);
    }

    /** Sends {@code test.ping} now; the answer goes into the page's test-result area (htmx) or the page. */
    @PostMapping("/dashboard/webhooks/{id}/test")
    String test(Dashboard dashboard, @PathVariable("id") UUID id,
            @org.springframework.web.bind.annotation.RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        model.addAttribute("result", dashboard.post("/v1/platforms/me/webhooks/" + id + "/test", null));
        if ("true".equals(htmx)) {
            return "dashboard/webhook :: test-result";
        }
        fill(dashboard, id, null, model);
        return pages.render(model, dashboard, "webhooks", "dashboard/webhook");
    }

    @PostMapping("/dashboard/webhooks/{id}/rotate-secret")
    String rotate(Dashboard dashboard, @PathVariable("id") UUID id, Model model) {
        model.addAttribute("rotated", dashboard.post("/v1/platforms/me/webhooks/" + id + "/rotate-secret", null));
        fill(dashboard, id, null, model);
        return pages.render(model, dashboard, "webhooks", "dashboard/webhook");
    }

    @PostMapping("/dashboard/webhooks/{id}/active")
    String active(Dashboard dashboard, @PathVariable("id") UUID id, @RequestParam("active") boolean active,
            RedirectAttributes redirect) {
        dashboard.patch("/v1/platforms/me/webhooks/" + id, Map.of("is_active", active));
        redirect.addFlashAttribute("notice", active ? "Endpoint enabled." : "Endpoint disabled.");
        return "redirect:/dashboard/webhooks/" + id;
    }

    @PostMapping("/dashboard/webhooks/{id}/delete")
    String delete(Dashboard dashboard, @PathVariable("id") UUID id, RedirectAttributes redirect) {
        dashboard.delete("/v1/platforms/me/webhooks/" + id);
        redirect.addFlashAttribute("notice", "Endpoint deleted.");
        return "redirect:/dashboard/webhooks";
    }

    @PostMapping("/dashboard/webhooks/{id}/deliveries/{delivery}/retry")
    String resend(Dashboard dashboard, @PathVariable("id") UUID id, @PathVariable("delivery") UUID delivery,
            RedirectAttributes redirect) {
        dashboard.post("/v1/platforms/me/webhooks/" + id + "/deliveries/" + delivery + "/retry", null);
        redirect.addFlashAttribute("notice", "Delivery queued to be sent again.");
        return "redirect:/dashboard/webhooks/" + id;
    }
}
