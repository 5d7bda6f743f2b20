package xyz.keystoneos.identity.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shapes M2M access tokens: {@code aud} is the API audience, {@code scope} a space-separated string (as Auth0
 * issues it), plus {@code platform_id}, {@code environment_id} and {@code client_kind}; the header names the
 * current signing key. Refuses to mint for a suspended platform (403) or an inactive environment (401).
 */
@Component
class ClientCredentialsTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String PLATFORM_ID = "platform_id";
    static final String ENVIRONMENT_ID = "environment_id";
    static final String CLIENT_KIND = "client_kind";

    private final IdentityRepository identities;
    private final SigningKeys signingKeys;
    private final KeystoneAuthProperties properties;

    ClientCredentialsTokenClaims(IdentityRepository identities, SigningKeys signingKeys,
            KeystoneAuthProperties properties) {
        this.identities = identities;
        this.signingKeys = signingKeys;
        this.properties = properties;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().keyId(signingKeys.signingKeyId());
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                || !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            return;
        }
        IdentityRepository.ClientRecord client = identities
                .findClientById(UUID.fromString(context.getRegisteredClient().getId()))
                .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error("invalid_client")));
        if ("suspended".equals(client.platformStatus())) {
            throw new OAuth2AuthenticationException(new OAuth2Error(TokenErrorResponses.PLATFORM_SUSPENDED,
                    "The platform of this client is suspended", null));
        }
        if (Boolean.FALSE.equals(client.environmentActive())) {
            throw new OAuth2AuthenticationException(new OAuth2Error(TokenErrorResponses.ENVIRONMENT_INACTIVE,
                    "The environment of this client is deactivated", null));
        }
        context.getClaims()
                .audience(List.of(properties.audience()))
                .claim("scope", String.join(" ", context.getAuthorizedScopes()))
                .claim("gty", "client-credentials")
                .claim(CLIENT_KIND, client.kind());
        if (client.platformId() != null) {
            context.getClaims()
                    .claim(PLATFORM_ID, client.platformId().toString())
                    .claim(ENVIRONMENT_ID, client.environmentId().toString());
        }
    }
}
