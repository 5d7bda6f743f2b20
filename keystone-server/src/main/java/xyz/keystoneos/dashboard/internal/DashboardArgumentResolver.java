package xyz.keystoneos.dashboard.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Builds the {@link Dashboard} of a request: the user from the OIDC login, a fresh access token (refreshed when it
 * is about to expire) and the environment chosen with the switcher, else the user's default environment. Without a
 * usable token the user is sent through the login again ({@link LoginRequired}); the issuer's own session usually
 * makes that invisible.
 */
@Component
class DashboardArgumentResolver implements HandlerMethodArgumentResolver {

    static final String ENVIRONMENT_ATTRIBUTE = "xyz.keystoneos.dashboard.environment";
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final ApiClient api;
    private final DefaultOAuth2AuthorizedClientManager clients;
    private final OAuth2AuthorizedClientRepository authorizedClients;

    DashboardArgumentResolver(ApiClient api, DefaultOAuth2AuthorizedClientManager clients,
            OAuth2AuthorizedClientRepository authorizedClients) {
        this.api = api;
        this.clients = clients;
        this.authorizedClients = authorizedClients;
    }

    /** Thrown when the user has to log in (again). */
    static final class LoginRequired extends RuntimeException {
        LoginRequired(String why) {
            super(why);
        }
    }

    /** Thrown for operator accounts: the dashboard shows a platform; operators use the admin API. */
    static final class OperatorAccount extends RuntimeException {
        private final transient Viewer viewer;

        OperatorAccount(Viewer viewer) {
            super("operator account");
            this.viewer = viewer;
        }

        Viewer viewer() {
            return viewer;
        }
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Dashboard.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
        return resolve(request, response);
    }

    Dashboard resolve(HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof OAuth2AuthenticationToken login)
                || !(login.getPrincipal() instanceof OidcUser user)) {
            throw new LoginRequired("not logged in");
        }
        Viewer viewer = Viewer.of(user);
        if (viewer.isOperator()) {
            throw new OperatorAccount(viewer);
        }
        OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(login.getAuthorizedClientRegistrationId())
                .principal(authentication)
                .attribute(HttpServletRequest.class.getName(), request)
                .attribute(HttpServletResponse.class.getName(), response)
                .build());
        if (client == null || client.getAccessToken().getExpiresAt() == null
                || client.getAccessToken().getExpiresAt().isBefore(Instant.now().plus(EXPIRY_MARGIN))) {
            forget(request, response);
            throw new LoginRequired("access token expired");
        }
        return new Dashboard(api, viewer, client.getAccessToken().getTokenValue(), environment(request, viewer));
    }

    /** Drops the stored tokens, so the next login starts afresh. */
    void forget(HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null) {
            authorizedClients.removeAuthorizedClient(KeystoneClientRegistrations.REGISTRATION_ID, authentication,
                    request, response);
        }
    }

    private static String environment(HttpServletRequest request, Viewer viewer) {
        HttpSession session = request.getSession(false);
        Object chosen = session == null ? null : session.getAttribute(ENVIRONMENT_ATTRIBUTE);
        return chosen instanceof String id ? id : viewer.defaultEnvironmentId();
    }

    static void choose(HttpServletRequest request, String environmentId) {
        if (environmentId == null) {
            request.getSession().removeAttribute(ENVIRONMENT_ATTRIBUTE);
        } else {
            request.getSession().setAttribute(ENVIRONMENT_ATTRIBUTE, environmentId);
        }
    }
}
