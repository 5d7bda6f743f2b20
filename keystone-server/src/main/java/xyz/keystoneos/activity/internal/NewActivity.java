package xyz.keystoneos.activity.internal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An activity entry about to be written. */
record NewActivity(Instant occurredAt, UUID platformId, UUID environmentId, String actor, String type,
        String category, String resourceType, String resourceId, String method, String path, Integer statusCode,
        String requestId, String ipAddress, Map<String, Object> details) {

    /** {@code m2m} for {@code m2m:ksc_…}: the part of the actor before the colon. */
    String actorKind() {
        int colon = actor.indexOf(':');
        return colon < 0 ? actor : actor.substring(0, colon);
    }
}
