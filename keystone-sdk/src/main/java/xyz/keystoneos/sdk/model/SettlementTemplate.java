package xyz.keystoneos.sdk.model;

import java.time.Instant;

/**
 * A settlement template: a workflow definition managed by KeyStone operators.
 *
 * @param id          the template id
 * @param slug        its stable key, for example {@code dvp-standard}
 * @param name        display name
 * @param description free text, may be {@code null}
 * @param version     the current version (grows with every change)
 * @param isActive    whether new settlements may use it
 * @param config      the workflow
 * @param createdAt   creation time
 * @param updatedAt   last change
 */
public record SettlementTemplate(String id, String slug, String name, String description, Integer version,
        Boolean isActive, TemplateConfig config, Instant createdAt, Instant updatedAt) {
}
