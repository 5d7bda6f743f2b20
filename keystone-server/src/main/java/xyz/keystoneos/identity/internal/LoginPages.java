package xyz.keystoneos.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import xyz.keystoneos.identity.IdentityActivity;

/**
 * The issuer's own login pages (SPEC §3, issue 7): {@code /login} (e-mail and password of a platform member or an
 * operator), {@code /logout} and {@code /invitations/{token}}. A successful login goes back to the authorization
 * request that sent the browser here ({@code /oauth2/authorize} of the dashboard's PKCE flow). Five failed
 * attempts in a row lock the address for 15 minutes (checked before the password, so a locked account is no
 * password oracle). The issuer keeps its login under its own session attribute, apart from the dashboard's
 * security context in the same HTTP session.
 */
@Configuration(proxyBeanMethods = false)
class LoginPages {

    static final String LOGIN_PATH = "/login";
    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(15);
    static final String ISSUER_CONTEXT_ATTRIBUTE = "KEYSTONE_ISSUER_SECURITY_CONTEXT";

    private final HttpSessionSecurityContextRepository issuerContexts = new HttpSessionSecurityContextRepository();

    LoginPages() {
        issuerContexts.setSpringSecurityContextKey(ISSUER_CONTEXT_ATTRIBUTE);
    }

    HttpSessionSecurityContextRepository issuerContexts() {
        return issuerContexts;
    }

    @Bean
    @Order(4)
    SecurityFilterChain loginChain(HttpSecurity http, Members members, ApplicationEventPublisher events,
            ClientAddresses addresses) throws Exception {
        http.securityMatcher(LOGIN_PATH, "/logout", "/invitations/**", "/identity/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .securityContext(context -> context.securityContextRepository(issuerContexts))
                .userDetailsService(accounts(members))
                .formLogin(form -> form.loginPage(LOGIN_PATH).permitAll()
                        .successHandler(success(members, events, addresses))
                        .failureHandler(failure(members)))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN_PATH + "?logout")
                        .invalidateHttpSession(true).deleteCookies("SESSION", "JSESSIONID"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                        + "form-action 'self'; frame-ancestors 'none'; base-uri 'self'"))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /** E-mail → account; the principal name is {@code user:<id>} or {@code operator:<id>}. */
    private static UserDetailsService accounts(Members members) {
        return email -> {
            Members.Account account = members.findAccountByEmail(email)
                    .orElseThrow(() -> new UsernameNotFoundException("No account"));
            boolean locked = members.lockedUntil(email).isPresent();
            boolean suspended = "suspended".equals(account.platformStatus());
            return User.withUsername(account.principal()).password(account.passwordHash())
                    .authorities(List.of()).accountLocked(locked).disabled(suspended).build();
        };
    }

    private static SavedRequestAwareAuthenticationSuccessHandler success(Members members,
            ApplicationEventPublisher events, ClientAddresses addresses) {
        SavedRequestAwareAuthenticationSuccessHandler delegate = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                    org.springframework.security.core.Authentication authentication)
                    throws IOException, jakarta.servlet.ServletException {
                String email = request.getParameter("username");
                members.clearFailures(email);
                members.findAccount(authentication.getName()).ifPresent(account -> events.publishEvent(
                        new IdentityActivity.TokenIssued(account.principal(),
                                account.kind().equals("user") ? "user_login" : "operator_login", account.platformId(),
                                null, addresses.of(request), Instant.now())));
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        delegate.setDefaultTargetUrl("/");
        return delegate;
    }

    private static AuthenticationFailureHandler failure(Members members) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            String email = request.getParameter("username");
            boolean locked = exception instanceof LockedException;
            if (!locked && email != null && !email.isBlank()) {
                members.recordFailure(email, MAX_FAILURES, Instant.now().plus(LOCK));
                locked = members.lockedUntil(email).isPresent();
            }
            String reason = locked ? "locked"
                    : exception instanceof org.springframework.security.authentication.DisabledException
                            ? "suspended" : "error";
            response.sendRedirect(request.getContextPath() + LOGIN_PATH + "?" + reason);
        };
    }
}
