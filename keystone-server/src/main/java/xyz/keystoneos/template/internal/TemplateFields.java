package xyz.keystoneos.template.internal;

import java.util.List;
import java.util.regex.Pattern;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.template.TemplateConfig;

/** The rules for a template's top-level fields, shared by the API and the seeder. */
final class TemplateFields {

    static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9_-]{1,62}$");
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_DESCRIPTION_LENGTH = 2000;

    private TemplateFields() {
    }

    /** The problems of a new template's fields (slug, name, description, and that a config is given), in order. */
    static List<FieldError> checkNewTemplate(String slug, String name, String description, TemplateConfig config) {
        List<FieldError> errors = new java.util.ArrayList<>();
        checkSlug(slug, errors);
        if (name == null) {
            errors.add(new FieldError("name", "is required"));
        } else {
            checkName(name, errors);
        }
        checkDescription(description, errors);
        if (config == null) {
            errors.add(new FieldError("config", "is required"));
        }
        return errors;
    }

    static void checkSlug(String slug, List<FieldError> errors) {
        if (slug == null) {
            errors.add(new FieldError("slug", "is required"));
        } else if (!SLUG.matcher(slug).matches()) {
            errors.add(new FieldError("slug", "must match " + SLUG.pattern()
                    + " (2 to 63 lowercase letters, digits, '-' or '_', starting with a letter or digit)"));
        }
    }

    static void checkName(String name, List<FieldError> errors) {
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must be 1 to " + MAX_NAME_LENGTH + " characters and not blank"));
        }
    }

    static void checkDescription(String description, List<FieldError> errors) {
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
    }

    /** A blank description means "no description". */
    static String normaliseDescription(String description) {
        return description == null || description.isBlank() ? null : description;
    }

    /** @throws ApiException 422 {@code invalid_template} listing every problem of the config */
    static void requireUsable(TemplateConfig config) {
        List<FieldError> errors = config.validate();
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid_template", errors);
        }
    }
}
