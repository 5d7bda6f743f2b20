package xyz.keystoneos.identity.internal;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.shared.web.Problem;
import xyz.keystoneos.shared.web.ProblemWriter;
import xyz.keystoneos.shared.web.RequestIds;

/**
 * {@code /actuator/prometheus}: open to {@code keystone.metrics.allowed-networks} (default loopback only),
 * otherwise only to an operator token with the {@code admin} scope (see {@link MetricsScrapeAccess}). Without a
 * token from elsewhere: 401 {@code missing_token}; with another token: 403 {@code insufficient_scope}. Health and
 * info stay on the open chain.
 */
@Configuration(proxyBeanMethods = false)
class MetricsSecurityConfiguration {

    static final String SCRAPE_PATH = "/actuator/prometheus";

    @Bean
    @Order(5)
    SecurityFilterChain metricsChain(HttpSecurity http, JwtDecoder jwtDecoder,
            ProblemAuthenticationEntryPoint entryPoint, MetricsScrapeAccess access, IdentityRepository identities,
            Members members, ExternalIssuerProperties external, Sessions sessions, ClientAddresses addresses,
            RateLimits rateLimits, ProblemWriter problems)
            throws Exception {
        http.securityMatcher(SCRAPE_PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().access(access))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(jwtDecoder))
                        .authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) -> problems.write(response,
                                Problem.of(HttpStatus.FORBIDDEN, "insufficient_scope",
                                        "Metrics need an operator token with the admin scope", List.of(),
                                        RequestIds.current()).with("required_scope", Scopes.ADMIN))))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .addFilterAfter(new CallerResolutionFilter(identities, members, external, sessions, addresses,
                        rateLimits, problems), BearerTokenAuthenticationFilter.class);
        return http.build();
    }
}
