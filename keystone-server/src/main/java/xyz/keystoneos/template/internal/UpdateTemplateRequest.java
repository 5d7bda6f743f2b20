package xyz.keystoneos.template.internal;

import java.util.ArrayList;
import java.util.List;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.template.SettlementTemplate;
import xyz.keystoneos.template.TemplateConfig;

/**
 * Body of {@code PATCH /v1/settlement-templates/{id_or_slug}}: every field optional, absent (or null) = unchanged.
 * A blank {@code description} removes the description.
 *
 * @param name        1..200 characters
 * @param description free text
 * @param config      a complete new config; must pass {@link TemplateConfig#validate()}
 * @param isActive    whether new settlements may use the template
 */
record UpdateTemplateRequest(String name, String description, TemplateConfig config, Boolean isActive) {

    /**
     * @throws ApiException 400 {@code validation_failed} for malformed fields, then 422 {@code invalid_template}
     *                      for an unusable config
     */
    void check() {
        List<FieldError> errors = new ArrayList<>();
        if (name != null) {
            TemplateFields.checkName(name, errors);
        }
        TemplateFields.checkDescription(description, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        if (config != null) {
            TemplateFields.requireUsable(config);
        }
    }

    /** The template's name, description and config after applying this change. */
    TemplateContent applyTo(SettlementTemplate current) {
        return new TemplateContent(current.slug(), name == null ? current.name() : name,
                description == null ? current.description() : TemplateFields.normaliseDescription(description),
                config == null ? current.config() : config);
    }

    boolean activeAfter(SettlementTemplate current) {
        return isActive == null ? current.isActive() : isActive;
    }
}
