package xyz.keystoneos.activity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names what a state-changing API call did, from its HTTP method and the route pattern Spring matched
 * ({@code /v1/platforms/me/webhooks/{endpoint_id}}), so that every endpoint is covered without each controller
 * having to report itself.
 * <ul>
 * <li>A few routes have explicit names ({@link #EXPLICIT}), e.g. {@code POST /v1/instructions} is
 * {@code instruction.submitted}.</li>
 * <li>Otherwise the resource is the last collection segment ({@code webhooks} → {@code webhook_endpoint},
 * {@code clients} → {@code client}, else the segment made singular) and the action is the trailing verb after an
 * id ({@code …/{id}/cancel} → {@code cancelled}, {@code rotate-secret} → {@code secret_rotated}) or follows from
 * the method: {@code POST} on a collection → {@code created}, {@code PATCH}/{@code PUT} → {@code updated},
 * {@code DELETE} → {@code deleted}.</li>
 * <li>The category is that of the last collection with a known category, {@code admin} for everything under
 * {@code /v1/admin}, else {@code other}.</li>
 * <li>The resource id is the path variable after the resource's collection ({@code me} stands for the caller's
 * platform); for a creation there is none in the path, and the recorder takes the {@code id} of the answer.</li>
 * </ul>
 */
final class ActivityRoutes {

    /** What a call did. {@code idVariable} is the path variable holding the resource id, {@code null} if none. */
    record Route(String type, String category, String resourceType, String idVariable) {
    }

    /** Marks {@code /v1/platforms/me}: the id is the caller's platform. */
    static final String CALLER_PLATFORM = "<me>";

    private static final Map<String, Route> EXPLICIT = Map.ofEntries(
            Map.entry("POST /v1/instructions",
                    new Route("instruction.submitted", "instructions", "instruction", null)),
            Map.entry("POST /v1/settlements/{id}/compliance-decision",
                    new Route("settlement.compliance_decided", "settlements", "settlement", "id")),
            Map.entry("POST /v1/platforms/me/webhooks/{endpoint_id}/deliveries/{delivery_id}/retry",
                    new Route("webhook_delivery.retried", "webhooks", "webhook_delivery", "delivery_id")),
            Map.entry("POST /v1/sandbox/faucet", new Route("sandbox.faucet", "sandbox", null, null)),
            Map.entry("POST /v1/sandbox/settlements/{settlement_id}/legs/{leg_index}/deposit",
                    new Route("sandbox.deposit", "sandbox", "settlement", "settlement_id")),
            Map.entry("POST /v1/admin/platforms", new Route("platform.registered", "admin", "platform", null)),
            Map.entry("POST /v1/admin/settlements/{id}/force-rollback",
                    new Route("settlement.force_rolled_back", "admin", "settlement", "id")),
            Map.entry("POST /v1/admin/settlements/{id}/trigger-maturity",
                    new Route("settlement.maturity_triggered", "admin", "settlement", "id")));

    private static final Map<String, String> RESOURCE_TYPES = Map.of(
            "webhooks", "webhook_endpoint",
            "settlement-templates", "template",
            "ip-allowlist", "ip_allowlist_entry",
            "deliveries", "webhook_delivery",
            "me", "platform");

    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("settlements", "settlements"), Map.entry("instructions", "instructions"),
            Map.entry("webhooks", "webhooks"), Map.entry("events", "webhooks"),
            Map.entry("clients", "credentials"), Map.entry("sessions", "credentials"),
            Map.entry("environments", "environments"), Map.entry("ip-allowlist", "environments"),
            Map.entry("settlement-templates", "templates"), Map.entry("sandbox", "sandbox"),
            Map.entry("platforms", "platform"), Map.entry("members", "platform"),
            Map.entry("invitations", "platform"));

    private static final Map<String, String> VERBS = Map.ofEntries(
            Map.entry("cancel", "cancelled"), Map.entry("rotate-secret", "secret_rotated"),
            Map.entry("revoke", "revoked"), Map.entry("activate", "activated"),
            Map.entry("deactivate", "deactivated"), Map.entry("suspend", "suspended"),
            Map.entry("reinstate", "reinstated"), Map.entry("retry", "retried"), Map.entry("test", "tested"),
            Map.entry("replay", "replayed"), Map.entry("accept", "accepted"), Map.entry("resend", "resent"));

    private ActivityRoutes() {
    }

    static Route of(String method, String pattern) {
        String httpMethod = method.toUpperCase(Locale.ROOT);
        Route explicit = EXPLICIT.get(httpMethod + " " + pattern);
        if (explicit != null) {
            return explicit;
        }
        List<String> segments = new ArrayList<>(List.of(pattern.replaceFirst("^/", "").split("/")));
        if (!segments.isEmpty() && segments.getFirst().equals("v1")) {
            segments.removeFirst();
        }
        boolean admin = !segments.isEmpty() && segments.getFirst().equals("admin");
        if (admin) {
            segments.removeFirst();
        }
        String collection = null;
        String idVariable = null;
        String category = null;
        String verb = null;
        boolean endsWithId = false;
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (isVariable(segment) || segment.equals("me")) {
                String variable = segment.equals("me") ? CALLER_PLATFORM : segment.substring(1, segment.length() - 1);
                if (segment.equals("me")) {
                    collection = "me";
                }
                idVariable = variable;
                endsWithId = last;
                continue;
            }
            boolean afterId = i > 0 && (isVariable(segments.get(i - 1)) || segments.get(i - 1).equals("me"));
            if (last && afterId && !CATEGORIES.containsKey(segment) && !RESOURCE_TYPES.containsKey(segment)) {
                verb = VERBS.getOrDefault(segment, segment.replace('-', '_'));
                continue;
            }
            collection = segment;
            idVariable = null;
            endsWithId = false;
            category = CATEGORIES.getOrDefault(segment, category);
        }
        if (verb == null) {
            verb = switch (httpMethod) {
                case "POST" -> endsWithId ? "updated" : "created";
                case "DELETE" -> "deleted";
                default -> "updated";
            };
        }
        String resourceType = collection == null ? "api" : singular(collection);
        return new Route(resourceType + "." + verb, admin ? "admin" : category == null ? "other" : category,
                collection == null ? null : resourceType, idVariable);
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String singular(String collection) {
        String mapped = RESOURCE_TYPES.get(collection);
        if (mapped != null) {
            return mapped;
        }
        String name = collection.replace('-', '_');
        if (name.endsWith("ies")) {
            return name.substring(0, name.length() - 3) + "y";
        }
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
    }
}
