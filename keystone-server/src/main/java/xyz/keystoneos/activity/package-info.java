/**
 * The activity log: who did what. Every successful state-changing {@code /v1} call is recorded after it completed
 * (actor, type, category, resource, method, path, status, request id, address), together with logins and credential
 * changes published by the identity module. Platforms read their own entries ({@code GET /v1/activity}); operators
 * read everything through {@link xyz.keystoneos.activity.ActivityLog}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Activity log")
package xyz.keystoneos.activity;
