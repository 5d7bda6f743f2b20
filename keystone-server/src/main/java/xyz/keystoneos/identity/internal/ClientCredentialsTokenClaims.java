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

    static final String USER_KIND = "user";
    static final String OPERATOR_USER_KIND = "operator_user";

    private final IdentityRepository identities;
    private final SigningKeys signingKeys;
    private final KeystoneAuthProperties properties;
    private final Members members;

    ClientCredentialsTokenClaims(IdentityRepository identities, SigningKeys signingKeys,
            KeystoneAuthProperties properties, Members members) {
        this.identities = identities;
        this.signingKeys = signingKeys;
        this.properties = properties;
        this.members = members;
    }

    /**
     * Tokens of a logged-in user (the dashboard's authorization-code flow and its refreshes): {@code sub}
     * {@code user:<id>} or {@code operator:<id>}, {@code client_kind}, {@code email}, {@code name}, {@code role},
     * {@code permissions}, {@code platform_id} and {@code default_environment_id}; the access token's {@code aud} is
     * the API. The API re-reads the role on every request, so a role change applies at once.
     */
    private void customizeUserToken(JwtEncodingContext context) {
        String principal = context.getPrincipal().getName();
        Members.Account account = members.findAccount(principal)
                .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error("invalid_grant",
                        "This account no longer exists", null)));
        if ("suspended".equals(account.platformStatus())) {
            throw new OAuth2AuthenticationException(new OAuth2Error(TokenErrorResponses.PLATFORM_SUSPENDED,
                    "The platform of this account is suspended", null));
        }
        java.util.Set<String> permissions = account.kind().equals("user")
                ? xyz.keystoneos.identity.MemberRole.fromWire(account.role()).orElseThrow().permissions()
                : xyz.keystoneos.identity.Scopes.OPERATOR;
        var claims = context.getClaims()
                .subject(account.principal())
                .claim(CLIENT_KIND, account.kind().equals("user") ? USER_KIND : OPERATOR_USER_KIND)
                .claim("email", account.email())
                .claim("name", account.name())
                // Mutable collections: the authorization (claims included) is stored as JSON with type ids, and
                // Spring Security's allow-list reads back ArrayList but not the JDK's immutable lists.
                .claim("permissions", new java.util.ArrayList<>(permissions.stream().sorted().toList()));
        if (account.role() != null) {
            claims.claim("role", account.role());
        }
        if (account.platformId() != null) {
            claims.claim(PLATFORM_ID, account.platformId().toString());
            members.defaultEnvironment(account.platformId())
                    .ifPresent(environment -> claims.claim("default_environment_id", environment.toString()));
        }
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            claims.audience(new java.util.ArrayList<>(List.of(properties.audience())));
        }
    }

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().keyId(signingKeys.signingKeyId());
        if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())
                || AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())) {
            customizeUserToken(context);
            return;
        }
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
