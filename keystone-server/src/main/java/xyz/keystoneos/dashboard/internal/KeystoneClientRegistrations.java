package xyz.keystoneos.dashboard.internal;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.stereotype.Component;

/**
 * The dashboard's one OAuth2 client registration, {@code keystone}: the public client {@code keystone-dashboard}
 * of the built-in issuer (PKCE S256, scopes {@code openid profile}). The browser is sent to the issuer's
 * {@code /oauth2/authorize} on the origin it is using (a relative URI, unless
 * {@code keystone.dashboard.authorization-uri} says otherwise); the server redeems the code and reads the keys over
 * loopback ({@link DashboardEndpoints#apiBaseUrl()}). Built on first use, because the port is known only once the
 * server listens. No user-info call: the ID token carries the claims the dashboard shows.
 */
@Component
class KeystoneClientRegistrations implements ClientRegistrationRepository {

    static final String REGISTRATION_ID = "keystone";
    static final String CLIENT_ID = "keystone-dashboard";

    private final DashboardEndpoints endpoints;
    private volatile ClientRegistration registration;

    KeystoneClientRegistrations(DashboardEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return REGISTRATION_ID.equals(registrationId) ? registration() : null;
    }

    ClientRegistration registration() {
        ClientRegistration current = registration;
        if (current == null) {
            String api = endpoints.apiBaseUrl();
            current = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                    .clientId(CLIENT_ID)
                    .clientName("KeyStone OS")
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope("openid", "profile")
                    .authorizationUri(endpoints.authorizationUri())
                    .tokenUri(api + "/oauth/token")
                    .jwkSetUri(api + "/.well-known/jwks.json")
                    .userNameAttributeName(IdTokenClaimNames.SUB)
                    .build();
            registration = current;
        }
        return current;
    }
}
