package xyz.keystoneos.webhook.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A webhook endpoint row. {@code secret} never leaves the server except once at creation and rotation. */
record Endpoint(UUID id, UUID platformId, UUID environmentId, String url, String description, List<String> events,
        String secret, String previousSecret, Instant previousSecretValidUntil, boolean isActive,
        String disabledReason, Instant disabledAt, Instant failingSince, Instant createdAt, Instant updatedAt) {

    /** The previous secret if its grace period is still running at {@code now}. */
    String previousSecretAt(Instant now) {
        return previousSecret != null && previousSecretValidUntil != null && previousSecretValidUntil.isAfter(now)
                ? previousSecret : null;
    }
}
