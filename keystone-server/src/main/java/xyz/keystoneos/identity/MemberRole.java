package xyz.keystoneos.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of a platform's members (SPEC §2) and the permissions each grants; permissions have the names of the
 * API scopes, plus {@link #MEMBERS_MANAGE} for managing members, which only managers hold.
 */
public enum MemberRole {

    PLATFORM_MANAGER(Set.of(Scopes.SETTLEMENTS_READ, Scopes.SETTLEMENTS_WRITE, Scopes.TEMPLATES_READ,
            Scopes.PLATFORM_READ, Scopes.WEBHOOKS_MANAGE, Scopes.ENVIRONMENTS_MANAGE, Scopes.INSTRUCTIONS_READ,
            Scopes.INSTRUCTIONS_WRITE, MemberRole.MEMBERS_MANAGE)),
    DEVELOPER(Set.of(Scopes.PLATFORM_READ, Scopes.WEBHOOKS_MANAGE, Scopes.ENVIRONMENTS_MANAGE,
            Scopes.SETTLEMENTS_READ, Scopes.INSTRUCTIONS_READ, Scopes.TEMPLATES_READ)),
    OPERATIONS(Set.of(Scopes.PLATFORM_READ, Scopes.SETTLEMENTS_READ, Scopes.SETTLEMENTS_WRITE,
            Scopes.INSTRUCTIONS_READ, Scopes.INSTRUCTIONS_WRITE, Scopes.TEMPLATES_READ)),
    VIEWER(Set.of(Scopes.PLATFORM_READ, Scopes.SETTLEMENTS_READ, Scopes.INSTRUCTIONS_READ, Scopes.TEMPLATES_READ));

    /** Invite members, change their roles, remove them. */
    public static final String MEMBERS_MANAGE = "platform:members:manage";

    private final Set<String> permissions;

    MemberRole(Set<String> permissions) {
        this.permissions = permissions;
    }

    public Set<String> permissions() {
        return permissions;
    }

    /** The wire name, e.g. {@code platform_manager}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MemberRole> fromWire(String wire) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(wire)).findFirst();
    }
}
