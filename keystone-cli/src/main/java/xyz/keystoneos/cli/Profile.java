package xyz.keystoneos.cli;

import java.util.Objects;

/**
 * One set of credentials: where the API is, and the M2M client to use.
 *
 * @param name         the profile name ({@code default} unless {@code --profile})
 * @param baseUrl      the API base URL
 * @param authUrl      the authorization server (token endpoint {@code <authUrl>/oauth/token})
 * @param clientId     the M2M client id
 * @param clientSecret the M2M client secret
 */
public record Profile(String name, String baseUrl, String authUrl, String clientId, String clientSecret) {

    public static final String DEFAULT = "default";

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        authUrl = authUrl == null || authUrl.isBlank() ? baseUrl : authUrl;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "Profile[name=" + name + ", baseUrl=" + baseUrl + ", authUrl=" + authUrl + ", clientId=" + clientId
                + ", clientSecret=(hidden)]";
    }
}
