package xyz.keystoneos.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import xyz.keystoneos.identity.AuthenticatedOnly;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.shared.web.ApiException;

/**
 * Enforces {@link RequiresScope} on every {@code /v1} handler and lets controllers take a {@link Caller}
 * parameter. A {@code /v1} handler that declares neither {@link RequiresScope} nor {@link AuthenticatedOnly} is
 * refused (fail closed) and logged as a programming error.
 */
@Configuration(proxyBeanMethods = false)
class CallerWebConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CallerWebConfiguration.class);

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ScopeCheck()).addPathPatterns("/v1/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgument());
    }

    /** Thrown when the token lacks the endpoint's scope; rendered with a {@code required_scope} member. */
    static final class MissingScopeException extends ApiException {
        MissingScopeException(String[] scopes) {
            super(HttpStatus.FORBIDDEN, "insufficient_scope", scopes.length == 1
                    ? "This endpoint requires the scope '" + scopes[0] + "', which your token does not have"
                    : "This endpoint requires one of the scopes '" + String.join("', '", scopes)
                            + "'; your token has none of them");
            with("required_scope", scopes[0]);
            if (scopes.length > 1) {
                with("accepted_scopes", List.of(scopes));
            }
        }
    }

    private static final class ScopeCheck implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (!(handler instanceof HandlerMethod method)) {
                return true;
            }
            RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
            if (required == null) {
                required = method.getBeanType().getAnnotation(RequiresScope.class);
            }
            boolean open = method.hasMethodAnnotation(AuthenticatedOnly.class)
                    || method.getBeanType().isAnnotationPresent(AuthenticatedOnly.class);
            if (required == null && !open) {
                log.error("{} declares no @RequiresScope or @AuthenticatedOnly; refusing the call", method);
                throw ApiException.forbidden("forbidden", "This endpoint is not available");
            }
            if (required != null) {
                Caller caller = (Caller) request.getAttribute(CallerResolutionFilter.ATTRIBUTE);
                if (caller == null || java.util.Arrays.stream(required.value()).noneMatch(caller::hasScope)) {
                    throw new MissingScopeException(required.value());
                }
            }
            return true;
        }
    }

    private static final class CallerArgument implements HandlerMethodArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Caller.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                NativeWebRequest request, WebDataBinderFactory binderFactory) {
            Object caller = request.getAttribute(CallerResolutionFilter.ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST);
            if (caller == null) {
                throw new ApiException(HttpStatus.UNAUTHORIZED, "missing_token", "This endpoint needs an access token");
            }
            return caller;
        }
    }
}
