package xyz.keystoneos.identity;

import java.util.Set;

/** A newly created M2M client. {@code clientSecret} exists only here: KeyStone stores its hash. */
public record ClientCredentials(String clientId, String clientSecret, Set<String> scopes) {

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=<redacted>, scopes=" + scopes + "]";
    }
}
