package xyz.keystoneos.sdk.model;

import java.time.Instant;

/**
 * An isolated workspace of your platform; it owns its settlements, instructions, webhooks and M2M clients.
 *
 * @param id                    the environment id
 * @param platformId            the platform
 * @param name                  display name
 * @param slug                  its key within the platform
 * @param kind                  sandbox or production
 * @param apiVersion            the API version it is pinned to, for example {@code 2026-11-01}
 * @param defaultTimeoutSeconds default settlement timeout (60..604800)
 * @param rateLimitRpm          requests per minute allowed
 * @param webhookUrl            legacy single webhook URL, or {@code null}
 * @param isActive              whether its M2M clients may authenticate
 * @param createdAt             creation time
 * @param updatedAt             last change
 */
public record Environment(String id, String platformId, String name, String slug, EnvironmentKind kind,
        String apiVersion, Integer defaultTimeoutSeconds, Integer rateLimitRpm, String webhookUrl, Boolean isActive,
        Instant createdAt, Instant updatedAt) {
}
