package xyz.keystoneos.identity;

import java.util.UUID;

/** A platform just registered, with the {@code development} sandbox environment every platform starts with. */
public record RegisteredPlatform(UUID platformId, String slug, UUID environmentId) {
}
