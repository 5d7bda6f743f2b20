package xyz.keystoneos.activity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Lets a controller add what the generic recorder cannot know to the activity entry of the current request: the
 * platform an operator acted on, the resource, extra details, or that the call changed nothing (an idempotent
 * repeat), in which case no entry is written. Outside a request these calls do nothing.
 */
public final class ActivityNotes {

    public static final String PLATFORM = ActivityNotes.class.getName() + ".platform";
    public static final String RESOURCE_TYPE = ActivityNotes.class.getName() + ".resource_type";
    public static final String RESOURCE_ID = ActivityNotes.class.getName() + ".resource_id";
    public static final String DETAILS = ActivityNotes.class.getName() + ".details";
    public static final String UNCHANGED = ActivityNotes.class.getName() + ".unchanged";

    private ActivityNotes() {
    }

    /** The platform the call acted on (operators act on platforms they do not belong to). */
    public static void platform(UUID platformId) {
        set(PLATFORM, platformId);
    }

    public static void resource(String type, String id) {
        set(RESOURCE_TYPE, type);
        set(RESOURCE_ID, id);
    }

    @SuppressWarnings("unchecked")
    public static void detail(String key, Object value) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return;
        }
        Map<String, Object> details = (Map<String, Object>) attributes.getAttribute(DETAILS,
                RequestAttributes.SCOPE_REQUEST);
        if (details == null) {
            details = new LinkedHashMap<>();
            attributes.setAttribute(DETAILS, details, RequestAttributes.SCOPE_REQUEST);
        }
        details.put(key, value);
    }

    /** The call succeeded but changed nothing (e.g. a repeated idempotent command): record no entry. */
    public static void unchanged() {
        set(UNCHANGED, Boolean.TRUE);
    }

    private static void set(String name, Object value) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(name, value, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
