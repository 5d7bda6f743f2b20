package xyz.keystoneos.dashboard.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** What every full page shows around its content: the user, the navigation and the environment switcher. */
@Component
class Pages {

    /** Settlement states of the seeded workflows, in their order. */
    static final List<String> STATES = List.of("INSTRUCTED", "COMPLIANCE_CHECKING", "COMPLIANCE_CLEARED",
            "AWAITING_DEPOSITS", "EXECUTING_SWAP", "FINALIZED", "ROLLED_BACK", "TIMED_OUT");
    static final List<String> ACTIVE = STATES.subList(0, 5);
    static final List<String> TERMINAL = STATES.subList(5, 8);
    static final List<String> FAILED = List.of("ROLLED_BACK", "TIMED_OUT");

    /** Permissions (the API's scope names) that decide which controls a page offers. */
    static final String SETTLEMENTS_WRITE = "settlements:write";
    static final String INSTRUCTIONS_WRITE = "instructions:write";
    static final String WEBHOOKS_MANAGE = "platform:webhooks:manage";
    static final String ENVIRONMENTS_MANAGE = "platform:environments:manage";
    static final String MEMBERS_MANAGE = "platform:members:manage";

    /** Scopes an M2M client can hold, in the order the form lists them. */
    static final List<String> PLATFORM_SCOPES = List.of("settlements:read", "settlements:write", "instructions:read",
            "instructions:write", "templates:read", "platform:read", "platform:webhooks:manage",
            "platform:environments:manage");

    static final List<String> ROLES = List.of("platform_manager", "developer", "operations", "viewer");

    /** Adds the frame of the page and answers the view name. */
    String render(Model model, Dashboard dashboard, String nav, String view) {
        model.addAttribute("viewer", dashboard.viewer());
        model.addAttribute("nav", nav);
        List<Map<String, Object>> environments = environments(dashboard);
        model.addAttribute("environments", environments);
        model.addAttribute("environment", environments.stream()
                .filter(e -> Objects.equals(e.get("id"), dashboard.environmentId())).findFirst()
                .orElse(Map.of("id", String.valueOf(dashboard.environmentId()), "name", "—", "kind", "")));
        model.addAttribute("can", new Permissions(dashboard.viewer()));
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            model.addAttribute("path", attributes.getRequest().getRequestURI());
        }
        return view;
    }

    static List<Map<String, Object>> environments(Dashboard dashboard) {
        try {
            return Dashboard.items(dashboard.get("/v1/platforms/me/environments?limit=200"));
        } catch (ApiProblem problem) {
            return List.of();
        }
    }

    /** {@code can.settlementsWrite} etc. for the templates. */
    record Permissions(Viewer viewer) {
        public boolean settlementsWrite() {
            return viewer.can(SETTLEMENTS_WRITE);
        }

        public boolean instructionsWrite() {
            return viewer.can(INSTRUCTIONS_WRITE) || viewer.can(SETTLEMENTS_WRITE);
        }

        public boolean webhooksManage() {
            return viewer.can(WEBHOOKS_MANAGE);
        }

        public boolean environmentsManage() {
            return viewer.can(ENVIRONMENTS_MANAGE);
        }

        public boolean membersManage() {
            return viewer.can(MEMBERS_MANAGE);
        }
    }
}
