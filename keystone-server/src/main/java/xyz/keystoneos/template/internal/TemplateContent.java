package xyz.keystoneos.template.internal;

import xyz.keystoneos.template.TemplateConfig;

/** What one version of a template consists of, plus the slug that names the template. */
record TemplateContent(String slug, String name, String description, TemplateConfig config) {
}
