package xyz.keystoneos.identity.internal;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.shared.web.ProblemWriter;

/**
 * The built-in OAuth2 issuer (Spring Security's authorization server): {@code POST /oauth/token}
 * (client credentials; client secret in the body or as HTTP Basic), {@code /.well-known/jwks.json} and OpenID
 * discovery at {@code /.well-known/openid-configuration}.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, TokenErrorResponses tokenErrors, TokenResponses tokens,
            ProblemAuthenticationEntryPoint entryPoint, LoginPages loginPages) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server
                        .oidc(Customizer.withDefaults())
                        .tokenEndpoint(token -> token.errorResponseHandler(tokenErrors).accessTokenResponseHandler(tokens))
                        .clientAuthentication(client -> client.errorResponseHandler(tokenErrors)))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(loginPages.issuerContexts()))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(
                                new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint(
                                        LoginPages.LOGIN_PATH),
                                new org.springframework.security.web.util.matcher.MediaTypeRequestMatcher(
                                        org.springframework.http.MediaType.TEXT_HTML))
                        .defaultAuthenticationEntryPointFor(entryPoint,
                                org.springframework.security.web.util.matcher.AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(KeystoneAuthProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder()
                .tokenEndpoint(TokenRequestFilter.TOKEN_PATH)
                .jwkSetEndpoint("/.well-known/jwks.json");
        if (properties.hasFixedIssuer()) {
            settings.issuer(properties.issuer());
        }
        return settings.build();
    }

    @Bean
    OAuth2AuthorizationService authorizationService(org.springframework.jdbc.core.JdbcTemplate jdbcTemplate,
            org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository clients) {
        return new ClientCredentialsNotStored(
                new org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService(
                        jdbcTemplate, clients));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return ClientSecrets.passwordEncoder();
    }

    /** Runs before Spring Security so that the authorization server sees JSON token requests as form posts. */
    @Bean
    FilterRegistrationBean<TokenRequestFilter> tokenRequestFilter(JsonMapper jsonMapper, IdentityRepository identities,
            KeystoneAuthProperties properties, TokenErrorResponses errors, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(
                new TokenRequestFilter(jsonMapper, identities, properties, errors, problems));
        registration.addUrlPatterns(TokenRequestFilter.TOKEN_PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
