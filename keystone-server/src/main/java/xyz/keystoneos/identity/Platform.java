package xyz.keystoneos.identity;

import java.time.Instant;
import java.util.UUID;

/** A platform as the API shows it (SPEC §2). */
public record Platform(UUID id, String name, String slug, String status, String logoUrl, String supportEmail,
        String supportUrl, Instant createdAt, Instant updatedAt) {
}
