package xyz.keystoneos.identity.internal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import xyz.keystoneos.shared.web.ProblemWriter;

/**
 * The API ({@code /v1/**}) is a stateless OAuth2 resource server: RS256 JWTs from this server's issuer, checked
 * for signature, expiry, audience (and issuer when configured), then against the live client/platform rows.
 * Everything else (health, discovery) is open; unknown paths answer 404.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, JwtDecoder jwtDecoder, ProblemAuthenticationEntryPoint entryPoint,
            IdentityRepository identities, Members members, ExternalIssuerProperties external, Sessions sessions, ClientAddresses addresses, RateLimits rateLimits,
            ProblemWriter problems) throws Exception {
        http.securityMatcher("/v1/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/v1/openapi.json").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder))
                        .authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .addFilterAfter(new CallerResolutionFilter(identities, members, external, sessions, addresses,
                        rateLimits, problems), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Spring Security's own observations (a timer/span around each of the ~15 filters of every request, and around
     * authentication and authorization) are off: a CPU profile of the instruction submit path put about 8 % of its
     * samples in them (an A/B of the whole submit path could not tell the difference from run-to-run noise). Every
     * request is still timed, by {@code http.server.requests} (docs/operations.md).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Last: the dashboard's and the login pages' chains (orders 3..9) come before it. */
    @Bean
    @Order(10)
    SecurityFilterChain everythingElseChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /**
     * The built-in issuer's tokens (remembered once verified, {@link VerifiedTokens}), and, when
     * {@code keystone.auth.external} is configured, user tokens of an external OIDC issuer (chosen by the unverified
     * {@code iss}, then fully verified against that issuer's JWKS).
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys signingKeys, KeystoneAuthProperties properties,
            ExternalIssuerProperties external) {
        NimbusJwtDecoder verifying = NimbusJwtDecoder.withJwkSource(signingKeys.verificationKeys()).build();
        OAuth2TokenValidator<Jwt> builtInValidators =
                validators(properties, properties.hasFixedIssuer() ? properties.issuer() : null);
        verifying.setJwtValidator(builtInValidators);
        JwtDecoder builtIn = new VerifiedTokens(verifying, builtInValidators, signingKeys::trustsForVerification);
        if (!external.enabled()) {
            return builtIn;
        }
        NimbusJwtDecoder externalDecoder = NimbusJwtDecoder.withJwkSetUri(external.jwksUri()).build();
        externalDecoder.setJwtValidator(validators(properties, external.issuer()));
        return token -> external.issuer().equals(unverifiedIssuer(token)) ? externalDecoder.decode(token)
                : builtIn.decode(token);
    }

    private static OAuth2TokenValidator<Jwt> validators(KeystoneAuthProperties properties, String issuer) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator());
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                audience -> audience != null && audience.contains(properties.audience())));
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, expiry -> expiry != null));
        if (issuer != null) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    private static String unverifiedIssuer(String token) {
        try {
            return com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (java.text.ParseException e) {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("Malformed token", e);
        }
    }
}
