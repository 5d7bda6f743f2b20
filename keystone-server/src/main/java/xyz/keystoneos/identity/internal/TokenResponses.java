package xyz.keystoneos.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.identity.IdentityActivity;

/**
 * The Auth0-compatible token response: {@code {access_token, token_type: "Bearer", expires_in, scope}} with
 * {@code expires_in} the token's whole lifetime in seconds (86400), not the remainder after rounding; a user login
 * (authorization code, refresh) also gets {@code refresh_token} and {@code id_token}. An M2M token counts as a
 * login in the activity log; a person's login is recorded by the login form.
 */
@Component
class TokenResponses implements AuthenticationSuccessHandler {

    private final JsonMapper jsonMapper;
    private final IdentityRepository identities;
    private final ClientAddresses addresses;
    private final ApplicationEventPublisher events;

    TokenResponses(JsonMapper jsonMapper, IdentityRepository identities, ClientAddresses addresses,
            ApplicationEventPublisher events) {
        this.jsonMapper = jsonMapper;
        this.identities = identities;
        this.addresses = addresses;
        this.events = events;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2AccessTokenAuthenticationToken issued = (OAuth2AccessTokenAuthenticationToken) authentication;
        OAuth2AccessToken token = issued.getAccessToken();
        boolean m2m = !DatabaseRegisteredClients.DASHBOARD_CLIENT_ID.equals(issued.getRegisteredClient().getId());
        if (m2m) {
            identities.findClientById(java.util.UUID.fromString(issued.getRegisteredClient().getId()))
                    .ifPresent(client -> events.publishEvent(new IdentityActivity.TokenIssued(client.clientId(),
                            "operator".equals(client.kind()) ? "operator" : "m2m", client.platformId(),
                            client.environmentId(), addresses.of(request), java.time.Instant.now())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.getTokenValue());
        body.put("token_type", "Bearer");
        body.put("expires_in", Duration.between(token.getIssuedAt(), token.getExpiresAt()).toSeconds());
        body.put("scope", String.join(" ", token.getScopes().stream().sorted().toList()));
        if (issued.getRefreshToken() != null) {
            body.put("refresh_token", issued.getRefreshToken().getTokenValue());
        }
        Object idToken = issued.getAdditionalParameters().get("id_token");
        if (idToken != null) {
            body.put("id_token", idToken);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), body);
    }
}
