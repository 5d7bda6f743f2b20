package xyz.keystoneos.identity;

import java.util.Set;

/** The OAuth2 scopes of the API (SPEC §3). User tokens carry the same names as permissions. */
public final class Scopes {

    public static final String SETTLEMENTS_READ = "settlements:read";
    public static final String SETTLEMENTS_WRITE = "settlements:write";
    public static final String TEMPLATES_READ = "templates:read";
    public static final String TEMPLATES_WRITE = "templates:write";
    public static final String PLATFORM_READ = "platform:read";
    public static final String WEBHOOKS_MANAGE = "platform:webhooks:manage";
    public static final String ENVIRONMENTS_MANAGE = "platform:environments:manage";
    public static final String INSTRUCTIONS_READ = "instructions:read";
    public static final String INSTRUCTIONS_WRITE = "instructions:write";
    /** Operators only: {@code /v1/admin/*}. */
    public static final String ADMIN = "admin";

    /** Everything a platform's M2M client may hold. */
    public static final Set<String> PLATFORM = Set.of(SETTLEMENTS_READ, SETTLEMENTS_WRITE, TEMPLATES_READ,
            PLATFORM_READ, WEBHOOKS_MANAGE, ENVIRONMENTS_MANAGE, INSTRUCTIONS_READ, INSTRUCTIONS_WRITE);

    /** Everything an operator client may hold. */
    public static final Set<String> OPERATOR = Set.of(TEMPLATES_READ, TEMPLATES_WRITE, ADMIN);

    private Scopes() {
    }
}
