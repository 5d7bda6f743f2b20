package xyz.keystoneos.dashboard.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is logged in, from the ID token's claims: {@code sub} ({@code user:<id>} or {@code operator:<id>}),
 * {@code email}, {@code name}, {@code role}, {@code permissions}, {@code platform_id} and
 * {@code default_environment_id}. Permissions only decide which buttons a page shows; the API decides what is
 * allowed.
 */
record Viewer(String subject, String name, String email, String role, Set<String> permissions, String platformId,
        String defaultEnvironmentId) {

    static Viewer of(OidcUser user) {
        Object permissions = user.getClaims().get("permissions");
        Set<String> granted = permissions instanceof Collection<?> values
                ? values.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet()) : Set.of();
        return new Viewer(user.getSubject(), text(user.getClaims().get("name")), text(user.getClaims().get("email")),
                text(user.getClaims().get("role")), granted, text(user.getClaims().get("platform_id")),
                text(user.getClaims().get("default_environment_id")));
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    public boolean can(String permission) {
        return permissions.contains(permission);
    }

    public boolean isOperator() {
        return platformId == null;
    }

    /** The user's id: {@code sub} without its {@code user:} prefix. */
    public String userId() {
        return subject != null && subject.startsWith("user:") ? subject.substring(5) : subject;
    }

    public String displayName() {
        return name != null && !name.isBlank() ? name : email;
    }

    public List<String> sortedPermissions() {
        return permissions.stream().sorted().toList();
    }
}
