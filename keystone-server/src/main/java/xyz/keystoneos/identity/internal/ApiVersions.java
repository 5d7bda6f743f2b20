package xyz.keystoneos.identity.internal;

import java.util.List;
import xyz.keystoneos.identity.PlatformOnboarding;

/**
 * The API versions this server speaks (SPEC §4). Each environment is pinned to the version current when it was
 * created; a request may name another known version in {@code Keystone-Version}.
 */
final class ApiVersions {

    static final String HEADER = "Keystone-Version";

    /** Oldest first; the last one is current. */
    static final List<String> KNOWN = List.of(PlatformOnboarding.CURRENT_API_VERSION);

    private ApiVersions() {
    }

    static boolean isKnown(String version) {
        return KNOWN.contains(version);
    }
}
