/**
 * The operators' API ({@code /v1/admin/*}, scope {@code admin}): registering, suspending and reinstating
 * platforms; watching and repairing the settlement pipeline (stuck settlements, counts per state, transitions per
 * period, retry, forced rollback); compliance provider health; the activity log across platforms. HTTP only: the
 * domain work is done by the owning modules' public APIs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Admin API")
package xyz.keystoneos.admin;
