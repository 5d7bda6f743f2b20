package xyz.keystoneos.apidocs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.shared.web.Quantity;

/**
 * Builds the OpenAPI 3.1 document from the controllers (springdoc), made to say what the API really does:
 * <ul>
 * <li>schemas use the API's snake_case property names (springdoc introspects with its own Jackson 2 mapper, so it
 * is given the same naming strategy as {@code spring.jackson.property-naming-strategy});</li>
 * <li>each {@code /v1} operation lists the scopes of its {@code @RequiresScope} and the problem+json errors it can
 * answer ({@link ApiOperations});</li>
 * <li>{@code /oauth/token} and the well-known endpoints, served by filters rather than controllers, are described
 * by hand ({@link HandWrittenPaths});</li>
 * <li>the output is deterministic: keys sorted, a fixed server URL, no timestamps.</li>
 * </ul>
 * Regenerate {@code docs/openapi.json} as docs/api.md ("OpenAPI") says: {@code OpenApiDocumentTest} with
 * {@code -Dkeystone.openapi.write=true}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String SERVER_URL = "https://api.keystoneos.xyz";
    static final String SECURITY_SCHEME = "oauth2";

    static {
        SpringDocUtils.getConfig()
                // resolved from the token by identity, never sent by the client
                .addRequestWrapperToIgnore(Caller.class)
                // Jackson 3 trees (event payloads, repo metadata): any JSON object
                .replaceWithSchema(tools.jackson.databind.JsonNode.class, Schemas.object()
                        .description("A JSON object"))
                .replaceWithSchema(Quantity.class, Schemas.quantity());
    }

    @Bean
    OpenAPI keystoneOpenApi() {
        Components components = new Components();
        ApiOperations.ERRORS.keySet().forEach(status ->
                components.addResponses(ApiOperations.responseName(status), ApiOperations.problem(status)));
        Map<String, String> scopes = new TreeMap<>(ScopeCatalogue.descriptions());
        Scopes oauthScopes = new Scopes();
        scopes.forEach(oauthScopes::addString);
        return new OpenAPI()
                .info(new Info()
                        .title("KeyStone OS API")
                        .version(PlatformOnboarding.CURRENT_API_VERSION)
                        .description("Settlement orchestration API. JSON bodies use snake_case; timestamps are "
                                + "RFC 3339 UTC; quantities are decimal strings. Errors are RFC 9457 "
                                + "application/problem+json documents. See docs/api.md.")
                        .license(new License().name("Apache-2.0")))
                .servers(List.of(new Server().url(SERVER_URL)))
                .components(components
                        .addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.OAUTH2)
                                .description("OAuth2 client credentials: POST /oauth/token, then send "
                                        + "'Authorization: Bearer <access_token>'. Tokens are RS256 JWTs valid 24 h.")
                                .flows(new OAuthFlows().clientCredentials(new OAuthFlow()
                                        .tokenUrl("/oauth/token")
                                        .scopes(oauthScopes))))
                        .addSchemas("Problem", Schemas.problem())
                        .addSchemas("FieldError", Schemas.fieldError())
                        .addSchemas("TokenRequest", HandWrittenPaths.tokenRequest())
                        .addSchemas("TokenResponse", HandWrittenPaths.tokenResponse())
                        .addParameters(ApiOperations.VERSION_PARAMETER, ApiOperations.versionParameter()));
    }

    /**
     * Introspects schemas like the API's {@code JsonMapper} serialises them: snake_case names. It replaces
     * swagger's default {@link ModelResolver} (same class); first in the bean order, so that springdoc's own
     * converters stay in front of it in the chain.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ModelResolver snakeCaseModelResolver(SchemaNames names) {
        ObjectMapper mapper = Json31.mapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new ModelResolver(mapper, names).openapi31(true);
    }

    @Bean
    SchemaNames schemaNames() {
        return new SchemaNames();
    }

    @Bean
    OperationCustomizer keystoneOperations() {
        return new ApiOperations();
    }

    /** The hand-written paths, tags from the operations, and everything sorted. */
    @Bean
    OpenApiCustomizer keystoneDocument() {
        return openApi -> {
            HandWrittenPaths.addTo(openApi);
            Paths sorted = new Paths();
            new TreeMap<>(openApi.getPaths()).forEach(sorted::addPathItem);
            openApi.setPaths(sorted);
            if (openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().setSchemas(new TreeMap<>(openApi.getComponents().getSchemas()));
            }
            TreeSet<String> tags = new TreeSet<>();
            for (PathItem item : openApi.getPaths().values()) {
                for (Operation operation : item.readOperations()) {
                    if (operation.getTags() != null) {
                        tags.addAll(operation.getTags());
                    }
                }
            }
            openApi.setTags(tags.stream().map(name -> new Tag().name(name)).toList());
        };
    }

    /** Scope names with what they grant, as in docs/api.md. */
    static final class ScopeCatalogue {

        static Map<String, String> descriptions() {
            Map<String, String> all = new LinkedHashMap<>();
            all.put(xyz.keystoneos.identity.Scopes.SETTLEMENTS_READ, "Read settlements, their events and instructions");
            all.put(xyz.keystoneos.identity.Scopes.SETTLEMENTS_WRITE,
                    "Create settlements, submit and cancel instructions, decide compliance flags");
            all.put(xyz.keystoneos.identity.Scopes.TEMPLATES_READ, "Read settlement templates");
            all.put(xyz.keystoneos.identity.Scopes.TEMPLATES_WRITE, "Create and change templates (operators)");
            all.put(xyz.keystoneos.identity.Scopes.PLATFORM_READ, "Read your platform");
            all.put(xyz.keystoneos.identity.Scopes.WEBHOOKS_MANAGE, "Manage webhook endpoints and deliveries");
            all.put(xyz.keystoneos.identity.Scopes.ENVIRONMENTS_MANAGE,
                    "Manage environments, M2M clients and IP allowlists");
            all.put(xyz.keystoneos.identity.Scopes.INSTRUCTIONS_READ, "Read instructions (browser session tokens)");
            all.put(xyz.keystoneos.identity.Scopes.INSTRUCTIONS_WRITE,
                    "Submit and cancel instructions (browser session tokens)");
            all.put(xyz.keystoneos.identity.Scopes.ADMIN, "Operator administration: /v1/admin/*");
            // A scope added to Scopes but not described here still appears.
            for (String scope : allScopes()) {
                all.putIfAbsent(scope, scope);
            }
            return all;
        }

        static java.util.Set<String> allScopes() {
            java.util.Set<String> scopes = new TreeSet<>(xyz.keystoneos.identity.Scopes.PLATFORM);
            scopes.addAll(xyz.keystoneos.identity.Scopes.OPERATOR);
            return scopes;
        }

        private ScopeCatalogue() {
        }
    }

    /** Schemas written by hand, in 3.1 form. */
    static final class Schemas {

        static Schema<Object> of(String type) {
            Schema<Object> schema = new Schema<>();
            schema.specVersion(io.swagger.v3.oas.models.SpecVersion.V31);
            schema.addType(type);
            return schema;
        }

        static Schema<Object> object() {
            return of("object");
        }

        static Schema<Object> string(String description) {
            return of("string").description(description);
        }

        static Schema<Object> ref(String name) {
            Schema<Object> schema = new Schema<>();
            schema.specVersion(io.swagger.v3.oas.models.SpecVersion.V31);
            return schema.$ref("#/components/schemas/" + name);
        }

        static Schema<Object> quantity() {
            Schema<Object> schema = of("string");
            schema.pattern("^(0|[1-9][0-9]{0,77})(\\.[0-9]{1,36})?$");
            schema.description("A decimal quantity as a string: greater than zero, up to 78 integer digits and 36 "
                    + "fraction digits. JSON numbers are refused.");
            schema.setExamples(List.of("1000000.50"));
            return schema;
        }

        static Schema<Object> fieldError() {
            Schema<Object> schema = object().description("One field-level problem");
            schema.addProperty("field", string("JSON path of the field as sent (snake_case, dotted, [index])"));
            schema.addProperty("message", string("What is wrong with it"));
            schema.required(List.of("field", "message"));
            return schema;
        }

        static Schema<Object> problem() {
            Schema<Object> schema = object().description("RFC 9457 problem document (application/problem+json). "
                    + "Extra members may appear, e.g. required_scope and accepted_scopes on 403 insufficient_scope.");
            schema.addProperty("type", string("URI of the problem type").format("uri"));
            schema.addProperty("title", string("HTTP reason phrase"));
            schema.addProperty("status", of("integer").format("int32").description("HTTP status code"));
            schema.addProperty("detail", string("Explanation for people"));
            schema.addProperty("code", string("Stable snake_case machine code"));
            Schema<Object> errors = of("array").description("Field-level problems (400, 422)");
            errors.setItems(ref("FieldError"));
            schema.addProperty("errors", errors);
            schema.addProperty("request_id", string("Equals the X-Request-Id response header"));
            schema.required(List.of("type", "title", "status", "code"));
            schema.setAdditionalProperties(true);
            return schema;
        }

        private Schemas() {
        }
    }
}
