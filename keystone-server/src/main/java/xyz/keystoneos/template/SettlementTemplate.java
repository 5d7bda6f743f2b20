package xyz.keystoneos.template;

import java.time.Instant;
import java.util.UUID;

/**
 * A settlement template as the API shows it. {@code version} starts at 1 and grows with every change of name,
 * description or config; settlements record the version they were created with.
 *
 * @param id          the template's id
 * @param slug        its stable, human-readable key (e.g. {@code dvp-standard})
 * @param name        display name
 * @param description free text, may be {@code null}
 * @param version     the current version
 * @param isActive    whether new settlements may use it
 * @param config      the workflow
 * @param createdAt   when it was created
 * @param updatedAt   when it last changed
 */
public record SettlementTemplate(UUID id, String slug, String name, String description, int version,
        boolean isActive, TemplateConfig config, Instant createdAt, Instant updatedAt) {
}
