package xyz.keystoneos.template.internal;

import java.util.ArrayList;
import java.util.List;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.template.TemplateConfig;

/**
 * One built-in template as written in {@code templates/seed/*.json}.
 *
 * @param slug        the template's slug
 * @param name        its display name
 * @param description what it is for
 * @param config      its workflow
 */
record SeedTemplate(String slug, String name, String description, TemplateConfig config) {

    /** Every problem of this definition, by the same rules as the API. */
    List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>(TemplateFields.checkNewTemplate(slug, name, description, config));
        if (config != null) {
            errors.addAll(config.validate());
        }
        return errors;
    }

    TemplateContent content() {
        return new TemplateContent(slug, name, TemplateFields.normaliseDescription(description), config);
    }
}
