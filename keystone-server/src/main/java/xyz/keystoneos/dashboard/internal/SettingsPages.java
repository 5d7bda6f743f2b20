package xyz.keystoneos.dashboard.internal;

import java.util.LinkedHashMap;
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
 * Settings, in four tabs: General (the selected environment's M2M credentials: create, rotate, revoke; a secret
 * is shown on the answer page only), Environments (create, deactivate, reactivate), Security (IP allowlist of any
 * environment) and Members (roles, removal, invitations with their link).
 */
@Controller
class SettingsPages {

    private static final String CLIENT_ID = "^[A-Za-z0-9_.-]{1,100}$";

    private final Pages pages;

    SettingsPages(Pages pages) {
        this.pages = pages;
    }

    // --- General: M2M credentials -----------------------------------------------------------------------------

    @GetMapping("/dashboard/settings")
    String general(Dashboard dashboard, Model model) {
        return generalPage(dashboard, model);
    }

    private String generalPage(Dashboard dashboard, Model model) {
        model.addAttribute("clients", Dashboard.items(dashboard.get(
                "/v1/platforms/me/environments/" + dashboard.environmentId() + "/clients?limit=200")));
        model.addAttribute("scopes", Pages.PLATFORM_SCOPES);
        model.addAttribute("tab", "general");
        return pages.render(model, dashboard, "settings", "dashboard/settings-general");
    }

    @PostMapping("/dashboard/settings/clients")
    String createClient(Dashboard dashboard, @RequestParam("name") String name,
            @RequestParam(name = "scopes", required = false) List<String> scopes, Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name.trim());
        body.put("scopes", scopes == null ? List.of() : scopes.stream().filter(Pages.PLATFORM_SCOPES::contains).toList());
        try {
            model.addAttribute("secret", dashboard.post(
                    "/v1/platforms/me/environments/" + dashboard.environmentId() + "/clients", body));
        } catch (ApiProblem problem) {
            model.addAttribute("error", problem.friendly());
        }
        return generalPage(dashboard, model);
    }

    @PostMapping("/dashboard/settings/clients/{clientId}/rotate-secret")
    String rotateClient(Dashboard dashboard, @PathVariable("clientId") String clientId, Model model) {
        requireClientId(clientId);
        model.addAttribute("secret", dashboard.post("/v1/platforms/me/environments/" + dashboard.environmentId()
                + "/clients/" + clientId + "/rotate-secret", null));
        return generalPage(dashboard, model);
    }

    @PostMapping("/dashboard/settings/clients/{clientId}/revoke")
    String revokeClient(Dashboard dashboard, @PathVariable("clientId") String clientId, RedirectAttributes redirect) {
        requireClientId(clientId);
        dashboard.delete("/v1/platforms/me/environments/" + dashboard.environmentId() + "/clients/" + clientId);
        redirect.addFlashAttribute("notice", "Client " + clientId + " revoked: its tokens stop working now.");
        return "redirect:/dashboard/settings";
    }

    private static void requireClientId(String clientId) {
        if (!clientId.matches(CLIENT_ID)) {
            throw new ApiProblem(404, "client_not_found", "No such client", List.of(), null);
        }
    }

    // --- Environments -----------------------------------------------------------------------------------------

    @GetMapping("/dashboard/settings/environments")
    String environments(Dashboard dashboard, Model model) {
        model.addAttribute("tab", "environments");
        return pages.render(model, dashboard, "settings", "dashboard/settings-environments");
    }

    @PostMapping("/dashboard/settings/environments")
    String createEnvironment(Dashboard dashboard, @RequestParam("name") String name, @RequestParam("slug") String slug,
            @RequestParam("kind") String kind, RedirectAttributes redirect) {
        try {
            Map<String, Object> created = dashboard.post("/v1/platforms/me/environments",
                    Map.of("name", name.trim(), "slug", slug.trim(), "kind", kind));
            redirect.addFlashAttribute("notice", "Environment " + created.get("name") + " created.");
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("error", problem.friendly());
        }
        return "redirect:/dashboard/settings/environments";
    }

    @PostMapping("/dashboard/settings/environments/{id}/{action:deactivate|reactivate}")
    String toggleEnvironment(Dashboard dashboard, @PathVariable("id") UUID id, @PathVariable("action") String action,
            RedirectAttributes redirect) {
        try {
            dashboard.post("/v1/platforms/me/environments/" + id + "/" + action, null);
            redirect.addFlashAttribute("notice", "deactivate".equals(action)
                    ? "Environment deactivated: its credentials stop working until it is reactivated."
                    : "Environment reactivated.");
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("error", problem.friendly());
        }
        return "redirect:/dashboard/settings/environments";
    }

    // --- Security: IP allowlist -------------------------------------------------------------------------------

    @GetMapping("/dashboard/settings/security")
    String security(Dashboard dashboard, @RequestParam(name = "environment", required = false) UUID environment,
            Model model) {
        String target = environment == null ? dashboard.environmentId() : environment.toString();
        model.addAttribute("target", target);
        model.addAttribute("entries", Dashboard.items(dashboard.get(
                "/v1/platforms/me/environments/" + target + "/ip-allowlist")));
        model.addAttribute("tab", "security");
        String view = pages.render(model, dashboard, "settings", "dashboard/settings-security");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> environments = (List<Map<String, Object>>) model.getAttribute("environments");
        model.addAttribute("targetEnvironment", environments == null ? null : environments.stream()
                .filter(e -> Objects.equals(e.get("id"), target)).findFirst().orElse(null));
        return view;
    }

    @PostMapping("/dashboard/settings/security")
    String addEntry(Dashboard dashboard, @RequestParam("environment") UUID environment, @RequestParam("cidr") String cidr,
            @RequestParam(name = "description", required = false) String description, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cidr", cidr.trim());
        if (description != null && !description.isBlank()) {
            body.put("description", description.trim());
        }
        try {
            Map<String, Object> entry = dashboard.post(
                    "/v1/platforms/me/environments/" + environment + "/ip-allowlist", body);
            redirect.addFlashAttribute("notice", "Added " + entry.get("cidr") + " to the allowlist.");
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("error", problem.friendly());
        }
        return "redirect:/dashboard/settings/security?environment=" + environment;
    }

    @PostMapping("/dashboard/settings/security/{entry}/delete")
    String removeEntry(Dashboard dashboard, @RequestParam("environment") UUID environment,
            @PathVariable("entry") UUID entry, RedirectAttributes redirect) {
        dashboard.delete("/v1/platforms/me/environments/" + environment + "/ip-allowlist/" + entry);
        redirect.addFlashAttribute("notice", "Entry removed.");
        return "redirect:/dashboard/settings/security?environment=" + environment;
    }

    // --- Members ----------------------------------------------------------------------------------------------

    @GetMapping("/dashboard/settings/members")
    String members(Dashboard dashboard, Model model) {
        model.addAttribute("members", Dashboard.items(dashboard.get("/v1/platforms/me/members?limit=200")));
        List<Map<String, Object>> invitations = List.of();
        if (dashboard.can(Pages.MEMBERS_MANAGE)) {
            invitations = Dashboard.items(dashboard.get("/v1/platforms/me/invitations"));
        }
        model.addAttribute("invitations", invitations);
        model.addAttribute("roles", Pages.ROLES);
        model.addAttribute("self", dashboard.viewer().userId());
        model.addAttribute("tab", "members");
        return pages.render(model, dashboard, "settings", "dashboard/settings-members");
    }

    @PostMapping("/dashboard/settings/members/invitations")
    String invite(Dashboard dashboard, @RequestParam("email") String email, @RequestParam("role") String role,
            Model model) {
        try {
            model.addAttribute("invited", dashboard.post("/v1/platforms/me/invitations",
                    Map.of("email", email.trim(), "role", role)));
        } catch (ApiProblem problem) {
            model.addAttribute("error", problem.friendly());
        }
        return members(dashboard, model);
    }

    @PostMapping("/dashboard/settings/members/invitations/{id}/revoke")
    String revokeInvitation(Dashboard dashboard, @PathVariable("id") UUID id, RedirectAttributes redirect) {
        dashboard.delete("/v1/platforms/me/invitations/" + id);
        redirect.addFlashAttribute("notice", "Invitation revoked.");
        return "redirect:/dashboard/settings/members";
    }

    @PostMapping("/dashboard/settings/members/{userId}/role")
    String changeRole(Dashboard dashboard, @PathVariable("userId") UUID userId, @RequestParam("role") String role,
            RedirectAttributes redirect) {
        try {
            Map<String, Object> member = dashboard.patch("/v1/platforms/me/members/" + userId, Map.of("role", role));
            redirect.addFlashAttribute("notice", member.get("email") + " is now " + member.get("role") + ".");
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("error", problem.friendly());
        }
        return "redirect:/dashboard/settings/members";
    }

    @PostMapping("/dashboard/settings/members/{userId}/remove")
    String remove(Dashboard dashboard, @PathVariable("userId") UUID userId, RedirectAttributes redirect) {
        try {
            dashboard.delete("/v1/platforms/me/members/" + userId);
            redirect.addFlashAttribute("notice", "Member removed.");
        } catch (ApiProblem problem) {
            redirect.addFlashAttribute("error", problem.friendly());
        }
        return "redirect:/dashboard/settings/members";
    }
}
