package xyz.keystoneos.identity.internal;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * M2M access tokens are self-contained JWTs that nothing ever looks up again (revocation is enforced per request
 * against the client, environment and platform rows), so storing an authorization per issued token would only
 * grow memory or a table without bound. Client-credentials authorizations are therefore not kept; other grants
 * (the dashboard's authorization codes and refresh tokens) are kept in PostgreSQL ({@code oauth2_authorization}),
 * so a login started on one node can finish on another.
 */
class ClientCredentialsNotStored implements OAuth2AuthorizationService {

    private final OAuth2AuthorizationService others;

    ClientCredentialsNotStored(OAuth2AuthorizationService others) {
        this.others = others;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
            others.save(authorization);
        }
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        others.remove(authorization);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return others.findById(id);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return others.findByToken(token, tokenType);
    }
}
