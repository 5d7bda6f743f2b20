package xyz.keystoneos.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import xyz.keystoneos.identity.AuthenticatedOnly;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestPlatform;

/**
 * Every {@code /v1} endpoint, found in the application's own request mappings (a new endpoint joins the matrix by
 * itself), against every way a caller may be refused: no token, a token without the endpoint's scope, an inactive
 * environment, a suspended platform, a denied IP, a revoked session — each must get the right 4xx before the
 * endpoint runs. Then another tenant's resources: every endpoint with an id in its path answers 404 to a stranger,
 * and no answer the stranger gets, list or detail, contains the owner's ids or names.
 */
class AuthorizationMatrixTest extends IntegrationTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    /** Open without a token by design. */
    private static final Set<String> PUBLIC = Set.of("GET /v1/openapi.json");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private xyz.keystoneos.identity.PlatformMembers platformMembers;

    record Endpoint(String method, String pattern, Set<String> scopes) {
        String path(Map<String, String> values) {
            Matcher matcher = VARIABLE.matcher(pattern);
            StringBuilder path = new StringBuilder();
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null) {
                    fail("AuthorizationMatrixTest has no value for {" + matcher.group(1) + "} of " + this
                            + "; add one to the owner's fixture");
                }
                matcher.appendReplacement(path, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(path);
            return path.toString();
        }

        boolean hasVariables() {
            return pattern.contains("{");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            RequiresScope required = handler.getMethodAnnotation(RequiresScope.class);
            if (required == null) {
                required = handler.getBeanType().getAnnotation(RequiresScope.class);
            }
            Set<String> scopes = required == null ? Set.of() : Set.of(required.value());
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/v1/")) {
                    continue;
                }
                Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    Endpoint endpoint = new Endpoint(method.name(), pattern, scopes);
                    if (!PUBLIC.contains(endpoint.toString())) {
                        assertThat(required != null || handler.hasMethodAnnotation(AuthenticatedOnly.class)
                                || handler.getBeanType().isAnnotationPresent(AuthenticatedOnly.class))
                                .as(endpoint + " declares its scope").isTrue();
                        endpoints.add(endpoint);
                    }
                }
            }
        }
        endpoints.sort(java.util.Comparator.comparing(Endpoint::toString));
        assertThat(endpoints).hasSizeGreaterThan(40);
        return endpoints;
    }

    private ApiResponse call(Endpoint endpoint, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
        switch (endpoint.method()) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            default -> request.header("Content-Type", "application/json").method(endpoint.method(), body);
        }
        return api.send(request);
    }

    /** The owner's resources, one of each kind, and the values of the path variables that name them. */
    private final Map<String, String> owned = new LinkedHashMap<>();
    private final Set<String> ownerMarkers = new TreeSet<>();
    private TestPlatform owner;
    private String ownerToken;

    @BeforeEach
    void ownerWithOneOfEverything() {
        owner = newPlatform();
        ownerToken = tokenFor(owner);
        TestPlatform counterparty = newPlatform();
        String settlement = new SettlementFlows(api).matchedSettlement(ownerToken, tokenFor(counterparty));
        String instruction = api.get("/v1/instructions", ownerToken).body().get("items").get(0).get("id").asString();
        String endpoint = api.post("/v1/platforms/me/webhooks", ownerToken,
                "{\"url\": \"https://hooks.example.com/owner\"}").text("id");
        String session = api.post("/v1/sessions", ownerToken, "{}").text("id");
        ApiResponse client = api.post("/v1/platforms/me/environments/" + owner.environmentId() + "/clients",
                ownerToken, "{\"name\": \"owner-secondary\"}");
        String entry = api.post("/v1/platforms/me/environments/" + owner.environmentId() + "/ip-allowlist",
                ownerToken, "{\"cidr\": \"127.0.0.1\"}").text("id");
        owned.put("settlement", settlement);
        owned.put("instruction", instruction);
        owned.put("session", session);
        owned.put("endpoint_id", endpoint);
        owned.put("delivery_id", UUID.randomUUID().toString());
        owned.put("settlement_id", settlement);
        owned.put("leg_index", "0");
        owned.put("environment_id", owner.environmentId().toString());
        owned.put("client_id", client.text("client_id"));
        owned.put("entry_id", entry);
        String memberEmail = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        owned.put("user_id", platformMembers.addMember(owner.platformId(), memberEmail, "Owner Member",
                "a long enough password", "viewer").toString());
        ownerMarkers.add(memberEmail);
        ownerMarkers.addAll(List.of(settlement, instruction, endpoint, session, client.text("client_id"), entry,
                owner.environmentId().toString(), owner.platformId().toString(), owner.clientId(),
                "hooks.example.com/owner", "SELLER-REF"));
    }

    /** Path variable values for a path of the owner; {@code id} depends on the resource. */
    private Map<String, String> valuesFor(Endpoint endpoint) {
        Map<String, String> values = new LinkedHashMap<>(owned);
        String pattern = endpoint.pattern();
        values.put("id", pattern.startsWith("/v1/instructions") ? owned.get("instruction")
                : pattern.startsWith("/v1/sessions") ? owned.get("session")
                : pattern.startsWith("/v1/settlement-templates") ? "dvp-standard"
                : owned.get("settlement"));
        values.put("id_or_slug", "dvp-standard");
        values.put("platform_id", owner.platformId().toString());
        return values;
    }

    private Map<String, String> anyValues(Endpoint endpoint) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher matcher = VARIABLE.matcher(endpoint.pattern());
        while (matcher.find()) {
            values.put(matcher.group(1), matcher.group(1).equals("leg_index") ? "0" : UUID.randomUUID().toString());
        }
        return values;
    }

    private void expectEverywhere(String situation, String token, int status, String code) {
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints()) {
            ApiResponse answer = call(endpoint, endpoint.path(anyValues(endpoint)), token);
            if (answer.status() != status || (code != null && !code.equals(answer.code()))) {
                wrong.put(endpoint.toString(), answer.status() + " " + answer.code());
            }
            assertThat(answer.contentType()).as(endpoint + " " + situation).startsWith("application/problem+json");
        }
        assertThat(wrong).as(situation + ": endpoints not answering " + status + " " + code).isEmpty();
    }

    @Test
    void withoutATokenEveryEndpointAnswers401() {
        expectEverywhere("no token", null, 401, "missing_token");
    }

    private final Map<Set<String>, String> tokensByScopes = new java.util.HashMap<>();

    @Test
    void aTokenWithoutTheEndpointsScopeIsRefusedWith403NamingIt() {
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.scopes().isEmpty()) {
                continue;
            }
            Set<String> others = new TreeSet<>(Scopes.PLATFORM);
            others.removeAll(endpoint.scopes());
            String token = tokensByScopes.computeIfAbsent(others, scopes -> tokenFor(newPlatform(scopes)));
            ApiResponse answer = call(endpoint, endpoint.path(anyValues(endpoint)), token);
            if (answer.status() != 403 || !"insufficient_scope".equals(answer.code())
                    || !endpoint.scopes().stream().anyMatch(answer.rawBody()::contains)) {
                wrong.put(endpoint.toString(), answer.status() + " " + answer.rawBody());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void anInactiveEnvironmentsTokenIsRefusedEverywhere() {
        TestPlatform platform = newPlatform();
        String token = tokenFor(platform);
        onboarding.setEnvironmentActive(platform.environmentId(), false);

        expectEverywhere("inactive environment", token, 401, "environment_inactive");
    }

    @Test
    void aSuspendedPlatformsTokenIsRefusedEverywhere() {
        TestPlatform platform = newPlatform();
        String token = tokenFor(platform);
        onboarding.suspendPlatform(platform.platformId());

        expectEverywhere("suspended platform", token, 403, "platform_suspended");
    }

    @Test
    void aDeniedAddressIsRefusedEverywhere() {
        TestPlatform platform = newPlatform();
        String token = tokenFor(platform);
        String second = api.post("/v1/platforms/me/environments", token,
                "{\"name\": \"Other\", \"slug\": \"other\", \"kind\": \"sandbox\"}").text("id");
        ClientCredentials admin = onboarding.createClient(platform.platformId(), UUID.fromString(second), "admin",
                Scopes.PLATFORM);
        assertThat(api.post("/v1/platforms/me/environments/" + platform.environmentId() + "/ip-allowlist",
                api.token(admin.clientId(), admin.clientSecret()), "{\"cidr\": \"192.0.2.1\"}").status())
                .isEqualTo(201);

        expectEverywhere("denied IP", token, 403, "ip_not_allowed");
    }

    @Test
    void aRevokedSessionIsRefusedEverywhere() {
        ApiResponse session = api.post("/v1/sessions", ownerToken, "{\"scopes\": " + Scopes.PLATFORM.stream()
                .map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]")) + "}");
        assertThat(api.delete("/v1/sessions/" + session.text("id"), ownerToken).status()).isEqualTo(204);

        expectEverywhere("revoked session", session.text("access_token"), 401, "session_revoked");
    }

    @Test
    void anotherTenantsResourcesAreNotFoundAndNeverShown() {
        String stranger = tokenFor(newPlatform());
        Map<String, String> wrong = new LinkedHashMap<>();
        int withOwnersIds = 0;
        for (Endpoint endpoint : endpoints()) {
            if (endpoint.pattern().startsWith("/v1/admin") || endpoint.scopes().contains(Scopes.TEMPLATES_WRITE)) {
                continue;
            }
            String path = endpoint.path(valuesFor(endpoint));
            ApiResponse answer = call(endpoint, path, stranger);
            boolean global = endpoint.pattern().startsWith("/v1/settlement-templates");
            withOwnersIds += endpoint.hasVariables() && !global ? 1 : 0;
            if (endpoint.hasVariables() && !global && answer.status() != 404) {
                // A body check may come first (400/422); then a made-up id must get the very same answer, so the
                // status is no oracle for whether the owner's resource exists.
                ApiResponse madeUp = call(endpoint, endpoint.path(anyValues(endpoint)), stranger);
                boolean sameAsMadeUp = answer.status() == madeUp.status()
                        && java.util.Objects.equals(answer.code(), madeUp.code());
                boolean bodyCheck = (answer.status() == 400 || answer.status() == 422)
                        && !endpoint.method().equals("GET") && !endpoint.method().equals("DELETE");
                // Permissions no M2M client can hold (members: people only) are refused before any lookup;
                // UserLoginTest checks those endpoints across tenants with a manager's token.
                boolean peopleOnly = answer.status() == 403 && "insufficient_scope".equals(answer.code());
                if (!((bodyCheck || peopleOnly) && sameAsMadeUp)) {
                    wrong.put(endpoint + " → " + path, answer.status() + " " + answer.code());
                }
            }
            String body = answer.rawBody() == null ? "" : answer.rawBody();
            for (String marker : ownerMarkers) {
                if (body.contains(marker) && !path.contains(marker)) {
                    wrong.put(endpoint + " leaks " + marker, body);
                }
            }
        }
        assertThat(withOwnersIds).as("endpoints called with the owner's ids").isGreaterThan(25);
        assertThat(wrong).isEmpty();
    }
}
