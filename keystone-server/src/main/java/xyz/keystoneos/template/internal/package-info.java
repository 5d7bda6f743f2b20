/**
 * The templates module's implementation: SQL, the {@code /v1/settlement-templates} endpoints, request checks and
 * the startup seeding of the built-in templates from {@code classpath:templates/seed/*.json}.
 */
package xyz.keystoneos.template.internal;
