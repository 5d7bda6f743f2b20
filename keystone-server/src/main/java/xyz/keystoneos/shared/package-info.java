/**
 * Cross-cutting API conventions shared by every module: problem+json errors, request ids, body limits,
 * pagination, decimal quantities, idempotency keys and the database bootstrap.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package xyz.keystoneos.shared;
