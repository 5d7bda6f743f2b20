package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

class ScopeEnforcementTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void missingScopeIsForbiddenAndNamed() {
        TestPlatform platform = newPlatform(Set.of(Scopes.TEMPLATES_READ));

        ApiResponse response = api.get("/v1/platforms/me", tokenFor(platform));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("insufficient_scope");
        assertThat(response.text("required_scope")).isEqualTo("platform:read");
        assertThat(response.text("detail")).contains("platform:read");
    }

    @Test
    void grantedScopeIsAllowed() {
        TestPlatform platform = newPlatform(Set.of(Scopes.PLATFORM_READ));

        ApiResponse response = api.get("/v1/platforms/me", tokenFor(platform));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("id")).isEqualTo(platform.platformId().toString());
        assertThat(response.text("slug")).isEqualTo(platform.slug());
        assertThat(response.text("status")).isEqualTo("active");
    }

    @Test
    void operatorHasNoPlatformOfItsOwn() {
        var operator = newOperatorClient();

        ApiResponse ping = api.get("/v1/ping", api.token(operator.clientId(), operator.clientSecret()));

        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.text("client_kind")).isEqualTo("operator");
        assertThat(ping.body().get("platform_id").isNull()).isTrue();
    }

    @Test
    void pingNeedsNoParticularScope() {
        TestPlatform platform = newPlatform(Set.of(Scopes.INSTRUCTIONS_READ));

        assertThat(api.get("/v1/ping", tokenFor(platform)).status()).isEqualTo(200);
    }

    @Test
    void everyApiEndpointDeclaresItsScope() {
        mappings.getHandlerMethods().forEach((mapping, handler) -> {
            boolean api = mapping.getPatternValues().stream().anyMatch(p -> p.startsWith("/v1/"));
            if (api) {
                assertThat(declaresAccess(handler))
                        .as("%s must declare @RequiresScope or @AuthenticatedOnly", handler)
                        .isTrue();
            }
        });
    }

    private static boolean declaresAccess(HandlerMethod handler) {
        return handler.hasMethodAnnotation(RequiresScope.class) || handler.hasMethodAnnotation(AuthenticatedOnly.class)
                || handler.getBeanType().isAnnotationPresent(RequiresScope.class)
                || handler.getBeanType().isAnnotationPresent(AuthenticatedOnly.class);
    }
}
