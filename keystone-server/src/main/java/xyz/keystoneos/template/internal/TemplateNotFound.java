package xyz.keystoneos.template.internal;

import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.template.SettlementTemplates;

/** The 404 for a template id or slug that names no template. */
final class TemplateNotFound {

    private TemplateNotFound() {
    }

    static ApiException of(String idOrSlug) {
        String what = SettlementTemplates.looksLikeId(idOrSlug) ? "id" : "slug";
        return ApiException.notFound("template_not_found",
                "No settlement template has the " + what + " '" + idOrSlug + "'");
    }
}
