package xyz.keystoneos.support;

import java.util.UUID;
import xyz.keystoneos.identity.ClientCredentials;

/** A platform created for one test, with its sandbox environment and an M2M client. */
public record TestPlatform(UUID platformId, String slug, UUID environmentId, ClientCredentials client) {

    public String clientId() {
        return client.clientId();
    }

    public String clientSecret() {
        return client.clientSecret();
    }
}
