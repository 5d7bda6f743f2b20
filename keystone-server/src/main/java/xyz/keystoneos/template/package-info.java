/**
 * Settlement templates: global, operator-managed workflow definitions (states, transitions, gates, required roles
 * and leg types, compliance providers, actions) that every settlement follows (SPEC §5). Other modules read them
 * through {@link xyz.keystoneos.template.SettlementTemplates}; operators manage them over
 * {@code /v1/settlement-templates}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Templates")
package xyz.keystoneos.template;
