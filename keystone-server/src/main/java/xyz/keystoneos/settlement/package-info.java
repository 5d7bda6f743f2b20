/**
 * Settlements (SPEC §7): creation (direct or from matched instructions), the template-driven state machine with
 * gates, the hash-chained event trail, the webhook outbox, and the engine that advances settlements through a
 * durable PostgreSQL job queue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Settlements")
package xyz.keystoneos.settlement;
