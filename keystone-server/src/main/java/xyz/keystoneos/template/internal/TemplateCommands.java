package xyz.keystoneos.template.internal;

import java.util.Objects;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.template.SettlementTemplate;
import xyz.keystoneos.template.SettlementTemplates;

/**
 * Creates and changes templates. Every change of name, description or config makes a new version and records it
 * in {@code settlement_template_versions}; switching {@code is_active} alone keeps the version.
 */
@Service
class TemplateCommands {

    private final TemplateRepository repository;

    TemplateCommands(TemplateRepository repository) {
        this.repository = repository;
    }

    /** Creates version 1 of a checked template; 409 {@code template_slug_taken} when the slug is in use. */
    @Transactional
    public SettlementTemplate create(CreateTemplateRequest request) {
        UUID id = UUID.randomUUID();
        TemplateContent content = request.content();
        try {
            repository.insert(id, content, request.active());
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("template_slug_taken",
                    "A settlement template with the slug '" + content.slug() + "' already exists");
        }
        repository.insertVersion(id, 1, content);
        return repository.findById(id).orElseThrow();
    }

    /** Applies a checked change under a row lock; 404 {@code template_not_found} for an unknown id or slug. */
    @Transactional
    public SettlementTemplate update(String idOrSlug, UpdateTemplateRequest request) {
        SettlementTemplate current = lock(idOrSlug);
        TemplateContent content = request.applyTo(current);
        boolean active = request.activeAfter(current);
        boolean contentChanged = !content.name().equals(current.name())
                || !Objects.equals(content.description(), current.description())
                || !content.config().equals(current.config());
        if (!contentChanged && active == current.isActive()) {
            return current;
        }
        int version = contentChanged ? current.version() + 1 : current.version();
        repository.update(current.id(), version, content, active);
        if (contentChanged) {
            repository.insertVersion(current.id(), version, content);
        }
        return repository.findById(current.id()).orElseThrow();
    }

    /**
     * Inserts a built-in template with its version-1 row unless a template with its slug exists.
     *
     * @return whether it was inserted
     */
    @Transactional
    public boolean seed(TemplateContent content) {
        UUID id = UUID.randomUUID();
        if (!repository.insertIfSlugFree(id, content)) {
            return false;
        }
        repository.insertVersion(id, 1, content);
        return true;
    }

    private SettlementTemplate lock(String idOrSlug) {
        var template = SettlementTemplates.looksLikeId(idOrSlug)
                ? repository.lockById(UUID.fromString(idOrSlug))
                : repository.lockBySlug(idOrSlug);
        return template.orElseThrow(() -> TemplateNotFound.of(idOrSlug));
    }
}
