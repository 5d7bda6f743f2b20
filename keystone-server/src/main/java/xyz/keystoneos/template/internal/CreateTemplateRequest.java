package xyz.keystoneos.template.internal;

import java.util.List;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.template.TemplateConfig;

/**
 * Body of {@code POST /v1/settlement-templates}.
 *
 * @param idempotencyKey optional; may instead come as the {@code Idempotency-Key} header
 * @param slug           required, unique, {@code ^[a-z0-9][a-z0-9_-]{1,62}$}
 * @param name           required, 1..200 characters
 * @param description    optional; blank means none
 * @param config         required; must pass {@link TemplateConfig#validate()}
 * @param isActive       optional, default {@code true}
 */
record CreateTemplateRequest(String idempotencyKey, String slug, String name, String description,
        TemplateConfig config, Boolean isActive) {

    /**
     * @throws ApiException 400 {@code validation_failed} for missing or malformed fields, then 422
     *                      {@code invalid_template} for an unusable config
     */
    void check() {
        List<FieldError> errors = TemplateFields.checkNewTemplate(slug, name, description, config);
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        TemplateFields.requireUsable(config);
    }

    TemplateContent content() {
        return new TemplateContent(slug, name, TemplateFields.normaliseDescription(description), config);
    }

    boolean active() {
        return isActive == null || isActive;
    }
}
