package xyz.keystoneos.template;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import xyz.keystoneos.template.internal.TemplateRepository;

/** Read access to settlement templates for other modules (the settlement engine, instruction matching). */
@Service
public class SettlementTemplates {

    private static final Pattern UUID_SHAPE =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final TemplateRepository repository;

    SettlementTemplates(TemplateRepository repository) {
        this.repository = repository;
    }

    /** Whether {@code idOrSlug} is shaped like a UUID, so that it names a template by id rather than by slug. */
    public static boolean looksLikeId(String idOrSlug) {
        return UUID_SHAPE.matcher(idOrSlug).matches();
    }

    /** The current version of the template with this id (when it looks like a UUID) or else this slug. */
    public Optional<SettlementTemplate> findByIdOrSlug(String idOrSlug) {
        if (looksLikeId(idOrSlug)) {
            return repository.findById(UUID.fromString(idOrSlug));
        }
        return repository.findBySlug(idOrSlug);
    }

    /** The current version of the template with this id. */
    public Optional<SettlementTemplate> findById(UUID id) {
        return repository.findById(id);
    }

    /**
     * The template as it was at {@code version}: that version's name, description and config, with the
     * template's current {@code is_active} flag and {@code updated_at} = when that version was made.
     */
    public Optional<SettlementTemplate> findVersion(UUID id, int version) {
        return repository.findVersion(id, version);
    }
}
