package xyz.keystoneos.activity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import xyz.keystoneos.activity.ActivityNotes;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.shared.web.RequestIds;

/**
 * Records every successful (2xx) {@code POST}/{@code PUT}/{@code PATCH}/{@code DELETE} under {@code /v1} once the
 * call has completed, named by {@link ActivityRoutes}. Skipped: failed calls, idempotent replays
 * ({@code Idempotent-Replayed: true}) and calls a controller marked {@link ActivityNotes#unchanged()}. Identity
 * events (credential changes, session tokens) raised during the call are collected here and written with the
 * call's method, path and status; one in the call's own category replaces the generic entry.
 */
class ActivityInterceptor implements HandlerInterceptor {

    /** Request attribute: identity events raised during this call, waiting for its completion. */
    static final String PENDING = ActivityInterceptor.class.getName() + ".pending";
    /** Request attribute: the {@code id} of the answer (see {@link ResourceIdCapture}). */
    static final String ANSWERED_ID = ActivityInterceptor.class.getName() + ".answered_id";

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Logger log = LoggerFactory.getLogger(ActivityInterceptor.class);

    private final ActivityWriter writer;

    ActivityInterceptor(ActivityWriter writer) {
        this.writer = writer;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(PENDING) == null) {
            request.setAttribute(PENDING, new ArrayList<NewActivity>());
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        try {
            record(request, response);
        } catch (RuntimeException e) {
            log.error("Could not record the activity of {} {}; the API call itself was not affected",
                    request.getMethod(), request.getRequestURI(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private void record(HttpServletRequest request, HttpServletResponse response) {
        int status = response.getStatus();
        List<NewActivity> entries = new ArrayList<>();
        List<NewActivity> pending = (List<NewActivity>) request.getAttribute(PENDING);
        if (pending != null) {
            pending.forEach(entry -> entries.add(new NewActivity(entry.occurredAt(), entry.platformId(),
                    entry.environmentId(), entry.actor(), entry.type(), entry.category(), entry.resourceType(),
                    entry.resourceId(), request.getMethod(), request.getRequestURI(), status, entry.requestId(),
                    entry.ipAddress(), entry.details())));
            pending.clear();
        }
        Caller caller = (Caller) request.getAttribute(Caller.class.getName());
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        boolean changedSomething = STATE_CHANGING.contains(request.getMethod()) && status >= 200 && status < 300
                && !"true".equalsIgnoreCase(response.getHeader("Idempotent-Replayed"))
                && !Boolean.TRUE.equals(request.getAttribute(ActivityNotes.UNCHANGED));
        if (changedSomething && caller != null && pattern != null) {
            NewActivity call = entry(request, status, caller, pattern);
            // An identity event of the same category (client.revoked for DELETE …/clients/{id}) says it better.
            if (entries.stream().noneMatch(event -> event.category().equals(call.category()))) {
                entries.add(call);
            }
        }
        writer.write(entries);
    }

    @SuppressWarnings("unchecked")
    private static NewActivity entry(HttpServletRequest request, int status, Caller caller, String pattern) {
        ActivityRoutes.Route route = ActivityRoutes.of(request.getMethod(), pattern);
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String resourceType = (String) request.getAttribute(ActivityNotes.RESOURCE_TYPE);
        String resourceId = (String) request.getAttribute(ActivityNotes.RESOURCE_ID);
        if (resourceType == null) {
            resourceType = route.resourceType();
        }
        if (resourceId == null) {
            resourceId = resourceId(route, variables, caller, request);
        }
        UUID platform = (UUID) request.getAttribute(ActivityNotes.PLATFORM);
        if (platform == null) {
            platform = caller.platformId();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("route", pattern);
        Object notes = request.getAttribute(ActivityNotes.DETAILS);
        if (notes instanceof Map<?, ?> map) {
            map.forEach((key, value) -> details.put(String.valueOf(key), value));
        }
        return new NewActivity(Instant.now().truncatedTo(ChronoUnit.MICROS), platform, caller.environmentId(),
                actor(caller), route.type(), route.category(), resourceType, resourceId, request.getMethod(),
                request.getRequestURI(), status, RequestIds.current(), request.getRemoteAddr(), details);
    }

    private static String resourceId(ActivityRoutes.Route route, Map<String, String> variables, Caller caller,
            HttpServletRequest request) {
        if (ActivityRoutes.CALLER_PLATFORM.equals(route.idVariable())) {
            return caller.platformId() == null ? null : caller.platformId().toString();
        }
        if (route.idVariable() != null && variables != null && variables.get(route.idVariable()) != null) {
            return variables.get(route.idVariable());
        }
        Object answered = request.getAttribute(ANSWERED_ID);
        return answered == null ? null : answered.toString();
    }

    /**
     * {@code operator:<client_id>} for operator clients, else what the caller says ({@code m2m:<client_id>},
     * {@code session:<id>}, {@code user:<id>}, {@code operator:<id>} for a logged-in operator).
     */
    static String actor(Caller caller) {
        return caller.kind() == Caller.Kind.OPERATOR && !caller.isPerson() ? "operator:" + caller.clientId()
                : caller.actor();
    }
}
