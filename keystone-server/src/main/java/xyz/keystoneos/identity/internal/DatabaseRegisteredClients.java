package xyz.keystoneos.identity.internal;

import java.time.Duration;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Presents the {@code m2m_clients} table to the authorization server. Revoked clients do not exist for it, so
 * they fail client authentication like an unknown client. Clients are created through
 * {@link xyz.keystoneos.identity.PlatformOnboarding}, never through this repository.
 */
@Component
class DatabaseRegisteredClients implements RegisteredClientRepository {

    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(24);

    private final IdentityRepository identities;

    DatabaseRegisteredClients(IdentityRepository identities) {
        this.identities = identities;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("Clients are created through PlatformOnboarding");
    }

    @Override
    public RegisteredClient findById(String id) {
        try {
            return identities.findClientById(UUID.fromString(id)).filter(c -> !c.revoked())
                    .map(DatabaseRegisteredClients::toRegisteredClient).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return identities.findClient(clientId).filter(c -> !c.revoked())
                .map(DatabaseRegisteredClients::toRegisteredClient).orElse(null);
    }

    private static RegisteredClient toRegisteredClient(IdentityRepository.ClientRecord client) {
        return RegisteredClient.withId(client.id().toString())
                .clientId(client.clientId())
                .clientSecret(client.secretHash())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .build())
                .build();
    }
}
