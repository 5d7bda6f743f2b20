package xyz.keystoneos.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/**
 * The OpenAPI document served at {@code GET /v1/openapi.json} is the one checked in as {@code docs/openapi.json},
 * lists every {@code /v1} endpoint with its scopes, and names properties as the API really sends them.
 * <p>
 * After changing an endpoint or a request/response type, regenerate the checked-in document with
 * {@value #REGENERATE} (from the repository root) and commit docs/openapi.json.
 */
class OpenApiDocumentTest extends IntegrationTest {

    static final String REGENERATE = "./mvnw -pl keystone-server -am test -Dtest=OpenApiDocumentTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dkeystone.openapi.write=true";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Two-space indent, {@code "key": value} as jq and most editors write it. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectNameValueSpacing(Separators.Spacing.AFTER));
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head",
            "patch", "trace");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Autowired
    SchemaNames schemaNames;

    private JsonNode document;

    @BeforeEach
    void fetch() {
        ApiResponse response = api.get("/v1/openapi.json", null);
        assertThat(response.status()).as("GET /v1/openapi.json without a token: %s", response).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        document = response.body();
    }

    @Test
    void matchesTheCheckedInDocument() throws IOException {
        Path file = checkedInDocument();
        String canonical = JSON.writer().with(PRETTY).writeValueAsString(sorted(document)) + "\n";
        if (Boolean.getBoolean("keystone.openapi.write")) {
            Files.writeString(file, canonical, StandardCharsets.UTF_8);
            System.out.println("Wrote " + file.toAbsolutePath().normalize());
            return;
        }
        if (!Files.exists(file)) {
            fail("%s does not exist; create it with:%n  %s", file, REGENERATE);
        }
        JsonNode checkedIn = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        if (!checkedIn.equals(document)) {
            List<String> differences = new ArrayList<>();
            differences("", checkedIn, document, differences);
            fail("docs/openapi.json is not the document the code generates (%d difference(s), first ones below)."
                    + "%nIf the API change is intended, regenerate it and commit the file:%n  %s%n%n%s",
                    differences.size(), REGENERATE, String.join("\n", differences.subList(0,
                            Math.min(25, differences.size()))));
        }
    }

    @Test
    void isOpenApi31WithTheApiVersionAndAFixedServer() {
        assertThat(document.get("openapi").asString()).startsWith("3.1.");
        assertThat(document.at("/info/title").asString()).isEqualTo("KeyStone OS API");
        assertThat(document.at("/info/version").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(document.at("/servers/0/url").asString()).isEqualTo("https://api.keystoneos.xyz");
        assertThat(document.at("/components/securitySchemes/oauth2/flows/clientCredentials/tokenUrl").asString())
                .isEqualTo("/oauth/token");
        Set<String> scopes = new TreeSet<>(Scopes.PLATFORM);
        scopes.addAll(Scopes.OPERATOR);
        assertThat(names(document.at("/components/securitySchemes/oauth2/flows/clientCredentials/scopes")))
                .containsAll(scopes);
        assertThat(document.at("/paths/~1oauth~1token/post").isObject()).isTrue();
        assertThat(document.at("/components/schemas/Problem/properties").isObject()).isTrue();
        assertThat(names(document.at("/components/schemas/Problem/properties")))
                .contains("type", "title", "status", "detail", "code", "errors", "request_id");
    }

    @Test
    void isServedAtOnePathOnly() {
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(404);
        assertThat(api.get("/v1/openapi.json.yaml", null).status()).isNotEqualTo(200);
        assertThat(api.get("/swagger-ui.html", null).status()).isEqualTo(404);
    }

    @Test
    void listsEveryControllerEndpointWithItsScopes() {
        List<String> missing = new ArrayList<>();
        List<String> wrongScopes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : handlerMapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            for (String path : entry.getKey().getPatternValues()) {
                if (!path.startsWith("/v1/") || path.equals(OpenApiDocumentController.PATH)) {
                    continue;
                }
                Set<String> methods = new TreeSet<>();
                entry.getKey().getMethodsCondition().getMethods()
                        .forEach(m -> methods.add(m.name().toLowerCase(Locale.ROOT)));
                if (methods.isEmpty()) {
                    methods.add("get");
                }
                for (String method : methods) {
                    JsonNode operation = document.path("paths").path(path).path(method);
                    if (!operation.isObject()) {
                        missing.add(method.toUpperCase(Locale.ROOT) + " " + path + " (" + handler + ")");
                        continue;
                    }
                    String[] required = ApiOperations.scopes(handler);
                    if (required != null) {
                        Set<String> listed = new TreeSet<>();
                        operation.path("security").forEach(requirement ->
                                requirement.path("oauth2").forEach(scope -> listed.add(scope.asString())));
                        if (!listed.equals(new TreeSet<>(List.of(required)))) {
                            wrongScopes.add(method.toUpperCase(Locale.ROOT) + " " + path + ": lists " + listed
                                    + ", @RequiresScope says " + List.of(required));
                        }
                    }
                }
            }
        }
        assertThat(missing).as("endpoints missing from the OpenAPI document").isEmpty();
        assertThat(wrongScopes).as("operations whose scopes differ from @RequiresScope").isEmpty();
    }

    @Test
    void operationIdsAreUniqueAndEveryV1OperationHasProblemResponses() {
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!HTTP_METHODS.contains(op.getKey())) {
                return;
            }
            String where = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode operation = op.getValue();
            if (!operation.path("operationId").isString() || !ids.add(operation.path("operationId").asString())) {
                problems.add(where + ": missing or duplicate operationId " + operation.path("operationId"));
            }
            if (path.getKey().startsWith("/v1/")) {
                for (String status : List.of("400", "429")) {
                    if (!operation.path("responses").has(status)) {
                        problems.add(where + ": no " + status + " response");
                    }
                }
                if (operation.has("security") && !operation.path("responses").has("403")) {
                    problems.add(where + ": secured but no 403 response");
                }
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void namesEverythingInSnakeCase() {
        List<String> camel = new ArrayList<>();
        document.path("components").path("schemas").properties()
                .forEach(schema -> camelCaseProperties("#/components/schemas/" + schema.getKey(), schema.getValue(),
                        camel));
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            op.getValue().path("parameters").forEach(parameter -> {
                String in = parameter.path("in").asString();
                if ((in.equals("query") || in.equals("path")) && !isSnakeCase(parameter.path("name").asString())) {
                    camel.add(op.getKey() + " " + path.getKey() + " parameter " + parameter.path("name"));
                }
            });
        }));
        assertThat(camel).as("schema properties and parameters that are not snake_case").isEmpty();
        assertThat(schemaNames.collisions()).as("Java types sharing one schema name").isEmpty();
    }

    /** What the API really sends has only properties the document names. */
    @Test
    void realResponsesUseTheDocumentedPropertyNames() {
        TestPlatform platform = newPlatform();
        String token = tokenFor(platform);
        for (String path : List.of("/v1/ping", "/v1/platforms/me", "/v1/settlement-templates?limit=200",
                "/v1/instructions", "/v1/settlements", "/v1/platforms/me/webhooks", "/v1/events")) {
            ApiResponse response = api.get(path, token);
            assertThat(response.status()).as("%s: %s", path, response).isEqualTo(200);
            String documented = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            JsonNode schema = document.path("paths").path(documented).path("get").path("responses").path("200")
                    .path("content").path("application/json").path("schema");
            assertThat(schema.isObject()).as("200 schema of GET %s", documented).isTrue();
            List<String> undocumented = new ArrayList<>();
            undocumentedProperties(documented, response.body(), schema, undocumented, 0);
            assertThat(undocumented).as("GET %s sends properties its schema does not name", documented).isEmpty();
        }
    }

    private void undocumentedProperties(String where, JsonNode value, JsonNode schema, List<String> found,
            int depth) {
        schema = resolve(schema);
        if (depth > 20 || schema == null || value == null || value.isNull()) {
            return;
        }
        for (String combiner : List.of("allOf", "anyOf", "oneOf")) {
            if (schema.has(combiner)) {
                return; // not worth guessing which branch applies
            }
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                undocumentedProperties(where + "[" + i++ + "]", item, schema.get("items"), found, depth + 1);
            }
        } else if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            value.properties().forEach(field -> {
                String at = where + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    undocumentedProperties(at, field.getValue(), properties.get(field.getKey()), found, depth + 1);
                } else if (additional.isObject()) {
                    undocumentedProperties(at, field.getValue(), additional, found, depth + 1);
                } else if (properties.isObject() && !additional.asBoolean(false)) {
                    found.add(at);
                }
            });
        }
    }

    private JsonNode resolve(JsonNode schema) {
        int hops = 0;
        while (schema != null && schema.has("$ref") && hops++ < 10) {
            schema = document.at(schema.get("$ref").asString().substring(1));
        }
        return schema == null || schema.isMissingNode() ? null : schema;
    }

    private static void camelCaseProperties(String where, JsonNode schema, List<String> found) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        schema.path("properties").properties().forEach(property -> {
            if (!isSnakeCase(property.getKey())) {
                found.add(where + "/properties/" + property.getKey());
            }
            camelCaseProperties(where + "/properties/" + property.getKey(), property.getValue(), found);
        });
        camelCaseProperties(where + "/items", schema.get("items"), found);
        camelCaseProperties(where + "/additionalProperties", schema.get("additionalProperties"), found);
        for (String combiner : List.of("allOf", "anyOf", "oneOf")) {
            int i = 0;
            for (JsonNode part : schema.path(combiner)) {
                camelCaseProperties(where + "/" + combiner + "/" + i++, part, found);
            }
        }
    }

    private static boolean isSnakeCase(String name) {
        return name.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }

    /** JSON pointers where the checked-in document and the generated one differ. */
    private static void differences(String pointer, JsonNode expected, JsonNode actual, List<String> found) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> keys = new TreeSet<>(names(expected));
            keys.addAll(names(actual));
            for (String key : keys) {
                String at = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                if (!actual.has(key)) {
                    found.add("  only in docs/openapi.json: " + at);
                } else if (!expected.has(key)) {
                    found.add("  only in the generated document: " + at);
                } else {
                    differences(at, expected.get(key), actual.get(key), found);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                differences(pointer + "/" + i, expected.get(i), actual.get(i), found);
            }
        } else if (!expected.equals(actual)) {
            found.add("  differs at " + (pointer.isEmpty() ? "/" : pointer) + ": docs/openapi.json has "
                    + abbreviate(expected) + ", the code generates " + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }

    /** A copy with object keys in sorted order, so the checked-in file is stable. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            toMap(node).forEach((key, value) -> copy.set(key, sorted(value)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return node;
    }

    private static Map<String, JsonNode> toMap(JsonNode node) {
        Map<String, JsonNode> map = new TreeMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    /** docs/openapi.json of the repository, whether Maven runs from the root or from keystone-server. */
    private static Path checkedInDocument() {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 3 && dir != null; i++, dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isDirectory(dir.resolve("keystone-server"))) {
                return dir.resolve("docs").resolve("openapi.json");
            }
        }
        throw new IllegalStateException("cannot find the repository's docs/ from " + Path.of("").toAbsolutePath());
    }
}
