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

    /** The dashboard: a public client (no secret) that logs users in with authorization code + PKCE. */
    static final String DASHBOARD_CLIENT_ID = "keystone-dashboard";
    static final Duration USER_ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    static final Duration USER_REFRESH_TOKEN_LIFETIME = Duration.ofHours(8);

    private final IdentityRepository identities;
    private final RegisteredClient dashboard;

    DatabaseRegisteredClients(IdentityRepository identities,
            @org.springframework.beans.factory.annotation.Value("${keystone.dashboard.base-url:http://127.0.0.1:8080}")
            String dashboardBaseUrl) {
        this.identities = identities;
        this.dashboard = dashboardClient(dashboardBaseUrl);
    }

    /**
     * Redirect URI {@code <base>/login/oauth2/code/keystone}. For a loopback IP base URL (127.0.0.1, [::1]) the
     * authorization server accepts any port (RFC 8252 §7.3), which is what development and tests need.
     */
    private static RegisteredClient dashboardClient(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return RegisteredClient.withId(DASHBOARD_CLIENT_ID)
                .clientId(DASHBOARD_CLIENT_ID)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(base + "/login/oauth2/code/keystone")
                .postLogoutRedirectUri(base + "/")
                .scope("openid")
                .scope("profile")
                .clientSettings(org.springframework.security.oauth2.server.authorization.settings.ClientSettings
                        .builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(USER_ACCESS_TOKEN_LIFETIME)
                        .refreshTokenTimeToLive(USER_REFRESH_TOKEN_LIFETIME)
                        .reuseRefreshTokens(false)
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .build())
                .build();
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("Clients are created through PlatformOnboarding");
    }

    @Override
    public RegisteredClient findById(String id) {
        if (DASHBOARD_CLIENT_ID.equals(id)) {
            return dashboard;
        }
        try {
            return identities.findClientById(UUID.fromString(id)).filter(c -> !c.revoked())
                    .map(DatabaseRegisteredClients::toRegisteredClient).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (DASHBOARD_CLIENT_ID.equals(clientId)) {
            return dashboard;
        }
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
