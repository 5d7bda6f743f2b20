package xyz.keystoneos.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/**
 * People log in through the built-in issuer with authorization code + PKCE, exactly as the dashboard does, here
 * driven by a plain HTTP client with a cookie jar: login form, lockout, user tokens on the API with
 * {@code X-Keystone-Environment}, role permissions, refresh, members and invitations.
 */
class UserLoginTest extends IntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private PlatformMembers platformMembers;

    private TestPlatform platform;
    private String managerEmail;
    private final String password = "correct horse battery staple";

    @BeforeEach
    void platformWithAManager() {
        platform = newPlatform();
        managerEmail = "manager-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        platformMembers.addMember(platform.platformId(), managerEmail, "Maria Manager", password, "platform_manager");
    }

    /** A browser: a cookie jar, no automatic redirects. */
    private final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String pathOrUrl) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(String pathOrUrl, Map<String, String> form) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(pathOrUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
        }

        URI uri(String pathOrUrl) {
            return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl)
                    : URI.create("http://127.0.0.1:" + port + pathOrUrl);
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a CSRF field in " + html).isTrue();
        return matcher.group(1);
    }

    private String redirectUri() {
        return "http://127.0.0.1:" + port + "/login/oauth2/code/keystone";
    }

    record Tokens(String access, String id) {
    }

    private static String verifier() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private String authorizeUrl(String challenge) {
        return "/oauth2/authorize?response_type=code&client_id=keystone-dashboard&scope=openid%20profile"
                + "&state=s1&redirect_uri=" + URLEncoder.encode(redirectUri(), StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
    }

    private Tokens login(String email, String secret) throws Exception {
        return login(new Browser(), email, secret);
    }

    /** The whole PKCE login: authorize → login form → authorize again → code → token. */
    private Tokens login(Browser browser, String email, String secret) throws Exception {
        String verifier = verifier();
        String authorize = authorizeUrl(challenge(verifier));

        HttpResponse<String> toLogin = browser.get(authorize);
        assertThat(toLogin.statusCode()).as(toLogin.body()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        String form = browser.get("/login").body();
        HttpResponse<String> loggedIn = browser.postForm("/login",
                Map.of("username", email, "password", secret, "_csrf", csrf(form)));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        String next = loggedIn.headers().firstValue("Location").orElseThrow();
        assertThat(next).as("back to the authorization request").contains("/oauth2/authorize");

        HttpResponse<String> withCode = browser.get(next);
        assertThat(withCode.statusCode()).as(withCode.body()).isEqualTo(302);
        URI callback = URI.create(withCode.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(redirectUri()).contains("state=s1");
        String code = callback.getQuery().replaceAll(".*code=([^&]+).*", "$1");

        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", java.net.URLDecoder.decode(code, StandardCharsets.UTF_8));
        exchange.put("redirect_uri", redirectUri());
        exchange.put("client_id", "keystone-dashboard");
        exchange.put("code_verifier", verifier);
        ApiResponse token = api.tokenForm(exchange);
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        assertThat(token.body().has("refresh_token")).as("no refresh tokens for a public client").isFalse();
        ApiResponse replayed = api.tokenForm(exchange);
        assertThat(replayed.status()).as("a code works once").isEqualTo(400);
        return new Tokens(token.text("access_token"), token.text("id_token"));
    }

    private ApiResponse call(String path, String token, String environment) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + token);
        if (environment != null) {
            request.header("X-Keystone-Environment", environment);
        }
        return api.send(request.GET());
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void aMemberLogsInWithPkceAndCallsTheApiInTheEnvironmentTheyName() throws Exception {
        Tokens tokens = login(managerEmail, password);

        JsonNode claims = claims(tokens.access());
        assertThat(claims.get("sub").asString()).startsWith("user:");
        assertThat(claims.get("client_kind").asString()).isEqualTo("user");
        assertThat(claims.get("platform_id").asString()).isEqualTo(platform.platformId().toString());
        assertThat(claims.get("default_environment_id").asString()).isEqualTo(platform.environmentId().toString());
        assertThat(claims.get("permissions").toString()).contains("platform:members:manage");
        assertThat(claims(tokens.id()).get("email").asString()).isEqualTo(managerEmail);

        ApiResponse missing = call("/v1/platforms/me", tokens.access(), null);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("environment_header_required");
        assertThat(call("/v1/platforms/me", tokens.access(), platform.environmentId().toString()).status())
                .isEqualTo(200);
        assertThat(call("/v1/settlements", tokens.access(), "development").status()).isEqualTo(200);
        ApiResponse foreign = call("/v1/platforms/me", tokens.access(), newPlatform().environmentId().toString());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.code()).isEqualTo("environment_not_accessible");
    }

    @Test
    void whileTheIssuerSessionLastsANewAuthorizationNeedsNoPassword() throws Exception {
        Browser browser = new Browser();
        login(browser, managerEmail, password);

        HttpResponse<String> again = browser.get(authorizeUrl(challenge(verifier())));

        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location").orElseThrow()).startsWith(redirectUri()).contains("code=");
    }

    @Test
    void aWrongPasswordFailsAndFiveFailuresLockTheAccount() throws Exception {
        Browser browser = new Browser();
        for (int i = 0; i < 5; i++) {
            String form = browser.get("/login").body();
            HttpResponse<String> failed = browser.postForm("/login",
                    Map.of("username", managerEmail, "password", "wrong-" + i, "_csrf", csrf(form)));
            assertThat(failed.headers().firstValue("Location").orElseThrow())
                    .endsWith(i < 4 ? "/login?error" : "/login?locked");
        }
        String form = browser.get("/login").body();
        HttpResponse<String> locked = browser.postForm("/login",
                Map.of("username", managerEmail, "password", password, "_csrf", csrf(form)));

        assertThat(locked.headers().firstValue("Location").orElseThrow()).endsWith("/login?locked");
    }

    @Test
    void theLoginFormRefusesAPostWithoutItsCsrfToken() throws Exception {
        HttpResponse<String> refused = new Browser().postForm("/login",
                Map.of("username", managerEmail, "password", password));

        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void rolesActAsScopes() throws Exception {
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        platformMembers.addMember(platform.platformId(), viewer, "Victor Viewer", password, "viewer");
        String token = login(viewer, password).access();

        assertThat(call("/v1/settlements", token, "development").status()).isEqualTo(200);
        ApiResponse refused = api.send(HttpRequest.newBuilder(api.uri("/v1/platforms/me/webhooks"))
                .header("Authorization", "Bearer " + token).header("X-Keystone-Environment", "development")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"https://example.com/h\"}")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("insufficient_scope");
    }

    private ApiResponse send(String method, String path, String token, String body) {
        return api.send(HttpRequest.newBuilder(api.uri(path)).header("Authorization", "Bearer " + token)
                .header("X-Keystone-Environment", "development").header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void aManagerInvitesAMemberWhoJoinsByTheLinkAndLogsIn() throws Exception {
        String manager = login(managerEmail, password).access();
        String invitee = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        ApiResponse invited = send("POST", "/v1/platforms/me/invitations", manager,
                "{\"email\": \"" + invitee + "\", \"role\": \"operations\"}");
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String link = invited.text("invitation_url");
        assertThat(link).contains("/invitations/");
        assertThat(send("GET", "/v1/platforms/me/invitations", manager, null).body().get("total").asInt())
                .isEqualTo(1);

        Browser browser = new Browser();
        String page = browser.get(link).body();
        assertThat(page).contains(invitee).contains("operations");
        HttpResponse<String> joined = browser.postForm(link,
                Map.of("name", "Nora New", "password", "a long enough password", "_csrf", csrf(page)));
        assertThat(joined.headers().firstValue("Location").orElseThrow()).endsWith("/login?joined");
        assertThat(browser.get(link).body()).contains("not valid");

        String memberToken = login(invitee, "a long enough password").access();
        assertThat(claims(memberToken).get("role").asString()).isEqualTo("operations");
        ApiResponse list = send("GET", "/v1/platforms/me/members", manager, null);
        assertThat(list.body().get("total").asInt()).isEqualTo(2);
    }

    @Test
    void nobodyChangesTheirOwnRoleAndTheLastManagerStays() throws Exception {
        String manager = login(managerEmail, password).access();
        String self = claims(manager).get("sub").asString().substring(5);
        String other = "dev-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        UUID developer = platformMembers.addMember(platform.platformId(), other, "Dev", password, "developer");

        ApiResponse own = send("PATCH", "/v1/platforms/me/members/" + self, manager, "{\"role\": \"viewer\"}");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.code()).isEqualTo("cannot_change_own_role");
        ApiResponse removeLast = send("DELETE", "/v1/platforms/me/members/" + self, manager, null);
        assertThat(removeLast.status()).isEqualTo(409);
        assertThat(removeLast.code()).isEqualTo("last_manager");

        ApiResponse promoted = send("PATCH", "/v1/platforms/me/members/" + developer, manager,
                "{\"role\": \"viewer\"}");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.text("role")).isEqualTo("viewer");
        assertThat(send("DELETE", "/v1/platforms/me/members/" + developer, manager, null).status()).isEqualTo(204);
    }

    @Test
    void aManagerOfAnotherPlatformCannotSeeOrTouchOurMembers() throws Exception {
        UUID ours = platformMembers.addMember(platform.platformId(),
                "ours-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "Ours", password, "viewer");
        TestPlatform other = newPlatform();
        String otherManager = "other-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        platformMembers.addMember(other.platformId(), otherManager, "Other Manager", password, "platform_manager");
        String token = login(otherManager, password).access();

        ApiResponse patch = send("PATCH", "/v1/platforms/me/members/" + ours, token, "{\"role\": \"operations\"}");
        ApiResponse delete = send("DELETE", "/v1/platforms/me/members/" + ours, token, null);
        ApiResponse list = send("GET", "/v1/platforms/me/members", token, null);

        assertThat(patch.status()).isEqualTo(404);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(list.rawBody()).doesNotContain(ours.toString()).doesNotContain(managerEmail);
    }

    @Test
    void anM2mClientCannotManageMembers() {
        ApiResponse refused = api.post("/v1/platforms/me/invitations", tokenFor(platform),
                "{\"email\": \"x@example.com\", \"role\": \"viewer\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.rawBody()).contains("platform:members:manage");
    }
}
