/**
 * Webhooks (SPEC §11). For now the durable outbox that other modules write events into, inside their own
 * transactions; endpoint management and signed delivery build on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Webhooks")
package xyz.keystoneos.webhook;
