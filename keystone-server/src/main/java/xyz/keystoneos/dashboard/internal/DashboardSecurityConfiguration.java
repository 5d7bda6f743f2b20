package xyz.keystoneos.dashboard.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Security of the dashboard (chain 3; the identity module owns the issuer's chain 1, the API's chain 2, the login
 * pages' chains 4..9 and the catch-all chain 10). Login is {@code oauth2Login} with the public client
 * {@code keystone-dashboard} (PKCE S256, which Spring Security adds for public clients); the tokens are kept in
 * the HTTP session (stored in PostgreSQL, so every node sees them). CSRF is on (forms carry {@code _csrf}, htmx
 * sends {@code X-CSRF-TOKEN} from a meta tag); a strict content security policy allows scripts, styles and
 * images from this origin only.
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurityConfiguration {

    static final String LOGIN_START = "/oauth2/authorization/" + KeystoneClientRegistrations.REGISTRATION_ID;

    static final String SAVED_REQUEST_ATTRIBUTE = "KEYSTONE_DASHBOARD_SAVED_REQUEST";

    static final String LOGIN_FAILED = "/dashboard/login-failed";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    @Order(3)
    SecurityFilterChain dashboardChain(HttpSecurity http, ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) throws Exception {
        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        // Its own session key: the issuer's chains keep their saved /oauth2/authorize request under the default one.
        requestCache.setSessionAttrName(SAVED_REQUEST_ATTRIBUTE);
        // Remember only page navigations, never htmx fragments or assets, as the place to return to after login.
        requestCache.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !isHtmx(request)
                && !request.getRequestURI().startsWith("/dashboard/assets/"));
        http.securityMatcher("/", "/dashboard", "/dashboard/**", "/oauth2/authorization/**", "/login/oauth2/code/**",
                        "/webjars/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/webjars/**", "/dashboard/assets/**", LOGIN_FAILED).permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(authorizedClients)
                        .loginPage(LOGIN_START)
                        .defaultSuccessUrl("/dashboard", false)
                        .failureUrl(LOGIN_FAILED))
                .requestCache(cache -> cache.requestCache(requestCache))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint()))
                .logout(logout -> logout.logoutUrl("/dashboard/logout").logoutSuccessUrl("/login?logout")
                        .invalidateHttpSession(true).clearAuthentication(true).deleteCookies("SESSION", "JSESSIONID"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /**
     * Pages go to the login; an htmx request gets {@code HX-Redirect} so the whole page navigates there. A browser on
     * {@code localhost} is first sent to {@code 127.0.0.1}: the issuer accepts loopback redirect URIs on the IP
     * only (RFC 8252), and the session cookie must belong to the host the login returns to.
     */
    private static AuthenticationEntryPoint entryPoint() {
        LoginUrlAuthenticationEntryPoint pages = new LoginUrlAuthenticationEntryPoint(LOGIN_START);
        return (request, response, exception) -> {
            if ("localhost".equalsIgnoreCase(request.getServerName()) && "GET".equals(request.getMethod())
                    && !isHtmx(request)) {
                String query = request.getQueryString();
                response.sendRedirect(request.getScheme() + "://127.0.0.1:" + request.getServerPort()
                        + request.getRequestURI() + (query == null ? "" : "?" + query));
            } else if (isHtmx(request)) {
                hxRedirect(response, LOGIN_START);
            } else {
                pages.commence(request, response, exception);
            }
        };
    }

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    static void hxRedirect(HttpServletResponse response, String location) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("HX-Redirect", location);
        response.getWriter().flush();
    }

    /** Access and refresh tokens live in the HTTP session, which Spring Session keeps in PostgreSQL. */
    @Bean
    OAuth2AuthorizedClientRepository dashboardAuthorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /** Hands out the user's access token, refreshing it with the refresh token when it is about to expire. */
    @Bean
    DefaultOAuth2AuthorizedClientManager dashboardAuthorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) {
        OAuth2AuthorizedClientProvider provider = OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build();
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
                authorizedClients);
        manager.setAuthorizedClientProvider(provider);
        return manager;
    }
}
