package xyz.keystoneos.activity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import xyz.keystoneos.identity.IdentityActivity;
import xyz.keystoneos.shared.web.RequestIds;

/**
 * Records logins (tokens issued) and credential changes published by the identity module, once the change has
 * committed (or at once when it was published outside a transaction). Inside a {@code /v1} call the entry waits
 * for the call to complete and takes its method, path and status (and replaces the generic entry of that call);
 * elsewhere ({@code /oauth/token}, start-up seeding) it is written at once.
 */
@Component
class IdentityActivityListener {

    private static final Logger log = LoggerFactory.getLogger(IdentityActivityListener.class);

    private final ActivityWriter writer;

    IdentityActivityListener(ActivityWriter writer) {
        this.writer = writer;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IdentityActivity.TokenIssued event) {
        String kind = event.kind() == null ? "m2m" : event.kind();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("token_kind", kind);
        record(new NewActivity(at(event.at()), event.platformId(), event.environmentId(),
                kind + ":" + event.clientId(), "login", "auth", "session".equals(kind) ? "session" : "client",
                event.clientId(), null, null, null, RequestIds.current(), event.ipAddress(), details));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IdentityActivity.CredentialChanged event) {
        String action = event.action();
        int dot = action.indexOf('.');
        record(new NewActivity(at(event.at()), event.platformId(), event.environmentId(),
                event.actor() == null ? "system:keystone" : event.actor(), action, "credentials",
                dot < 0 ? null : action.substring(0, dot), event.resourceId(), null, null, null,
                RequestIds.current(), null, Map.of()));
    }

    @SuppressWarnings("unchecked")
    private void record(NewActivity entry) {
        try {
            HttpServletRequest request = RequestContextHolder.getRequestAttributes()
                    instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
            if (request != null && request.getAttribute(ActivityInterceptor.PENDING) instanceof List<?> pending) {
                ((List<NewActivity>) pending).add(withAddress(entry, request));
                return;
            }
            if (request != null) {
                entry = new NewActivity(entry.occurredAt(), entry.platformId(), entry.environmentId(), entry.actor(),
                        entry.type(), entry.category(), entry.resourceType(), entry.resourceId(),
                        request.getMethod(), request.getRequestURI(), null, entry.requestId(),
                        withAddress(entry, request).ipAddress(), entry.details());
            }
            writer.write(List.of(entry));
        } catch (RuntimeException e) {
            log.error("Could not record identity activity {}", entry, e);
        }
    }

    private static NewActivity withAddress(NewActivity entry, HttpServletRequest request) {
        if (entry.ipAddress() != null) {
            return entry;
        }
        return new NewActivity(entry.occurredAt(), entry.platformId(), entry.environmentId(), entry.actor(),
                entry.type(), entry.category(), entry.resourceType(), entry.resourceId(), entry.method(),
                entry.path(), entry.statusCode(), entry.requestId(), request.getRemoteAddr(), entry.details());
    }

    private static Instant at(Instant at) {
        return (at == null ? Instant.now() : at).truncatedTo(ChronoUnit.MICROS);
    }
}
