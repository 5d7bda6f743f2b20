/**
 * The web dashboard (SPEC §12): server-rendered pages (Thymeleaf + htmx) at {@code /} and {@code /dashboard/**}.
 * A backend-for-frontend: users log in with authorization code + PKCE against the built-in issuer, and every
 * page gets its data from the public {@code /v1} API over loopback HTTP with the user's access token and the
 * selected environment ({@code X-Keystone-Environment}), so the role checks are the API's own. The module uses
 * no other module's code.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard", allowedDependencies = {})
package xyz.keystoneos.dashboard;
