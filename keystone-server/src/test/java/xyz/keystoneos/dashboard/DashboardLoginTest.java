package xyz.keystoneos.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import xyz.keystoneos.identity.PlatformMembers;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/**
 * The dashboard over plain HTTP: login with authorization code + PKCE through the issuer, pages rendered from the
 * API with the user's token, role refusals exactly as the API answers them, CSRF, the content security policy and
 * cookie attributes.
 */
class DashboardLoginTest extends IntegrationTest {

    static final String PASSWORD = "correct horse battery staple";

    @Autowired
    PlatformMembers members;

    TestPlatform platform;
    String managerEmail;

    @BeforeEach
    void platformWithAManager() {
        platform = newPlatform();
        managerEmail = email("manager");
        members.addMember(platform.platformId(), managerEmail, "Maria Manager", PASSWORD, "platform_manager");
    }

    static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void aDashboardPageSendsTheBrowserThroughAPkceLoginAndBack() {
        HttpBrowser browser = new HttpBrowser(port);

        HttpResponse<String> start = browser.get("/dashboard/settlements");
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(HttpBrowser.location(start)).endsWith("/oauth2/authorization/keystone");
        HttpResponse<String> authorize = browser.get(HttpBrowser.location(start));
        assertThat(authorize.statusCode()).isEqualTo(302);
        String authorizeUrl = URLDecoder.decode(HttpBrowser.location(authorize), StandardCharsets.UTF_8);
        assertThat(authorizeUrl).startsWith("http://127.0.0.1:" + port + "/oauth2/authorize?").contains("response_type=code",
                "client_id=keystone-dashboard", "code_challenge_method=S256", "code_challenge=",
                "redirect_uri=http://127.0.0.1:" + port + "/login/oauth2/code/keystone", "scope=openid profile");

        HttpResponse<String> login = browser.follow(authorize);
        assertThat(login.uri().getPath()).isEqualTo("/login");
        HttpResponse<String> submitted = browser.post("/login",
                Map.of("username", managerEmail, "password", PASSWORD, "_csrf", HttpBrowser.csrfField(login.body())));
        HttpResponse<String> page = browser.follow(submitted);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).as("back where the user started").isEqualTo("/dashboard/settlements");
        assertThat(page.body()).contains("<h1>Settlements</h1>", "Maria Manager", "platform_manager", "Development");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndTheSessionCookieIsHttpOnlyAndSameSite() {
        HttpBrowser browser = new HttpBrowser(port);
        HttpResponse<String> start = browser.get("/dashboard");
        List<String> cookies = start.headers().allValues("Set-Cookie");
        assertThat(cookies).isNotEmpty().allSatisfy(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax"));

        HttpResponse<String> overview = browser.logIn("/dashboard", managerEmail, PASSWORD);

        assertThat(overview.body()).contains("<h1>Overview</h1>");
        String csp = overview.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
                "form-action 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(overview.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(overview.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(overview.body()).as("no inline script: every script is a file")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(browser.get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(browser.get("/dashboard/assets/dashboard.js").statusCode()).isEqualTo(200);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        HttpBrowser browser = new HttpBrowser(port);
        HttpResponse<String> page = browser.logIn("/dashboard/webhooks", managerEmail, PASSWORD);

        HttpResponse<String> forged = browser.post("/dashboard/webhooks", Map.of("url", "https://example.com/hook"));
        assertThat(forged.statusCode()).isEqualTo(403);

        HttpResponse<String> created = browser.post("/dashboard/webhooks", Map.of("url", "https://example.com/hook",
                "events", "settlement.*", "_csrf", HttpBrowser.csrfField(page.body())));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("Endpoint created", "whsec_", "https://example.com/hook");
    }

    @Test
    void htmxRequestsCarryTheTokenInAHeaderAndAnExpiredLoginNavigatesTheWholePage() {
        HttpBrowser anonymous = new HttpBrowser(port);
        HttpResponse<String> fragment = anonymous.get("/dashboard/settlements?tab=active", "HX-Request", "true",
                "HX-Target", "settlement-results");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.headers().firstValue("HX-Redirect")).contains("/oauth2/authorization/keystone");

        HttpBrowser browser = new HttpBrowser(port);
        HttpResponse<String> page = browser.logIn("/dashboard/settlements", managerEmail, PASSWORD);
        HttpResponse<String> tab = browser.get("/dashboard/settlements?tab=failed", "HX-Request", "true",
                "HX-Target", "settlement-results");
        assertThat(tab.statusCode()).isEqualTo(200);
        assertThat(tab.body()).startsWith("<div id=\"settlement-results\"").doesNotContain("<html");

        HttpResponse<String> test = browser.post("/dashboard/settings/members/invitations",
                Map.of("email", email("invitee"), "role", "viewer"), "X-CSRF-TOKEN", HttpBrowser.csrfMeta(page.body()));
        assertThat(test.statusCode()).isEqualTo(200);
        assertThat(test.body()).contains("/invitations/");
    }

    @Test
    void aViewerSeesPagesButTheApiRefusalsOfTheRoleAppearAsMessages() {
        String viewerEmail = email("viewer");
        members.addMember(platform.platformId(), viewerEmail, "Vic Viewer", PASSWORD, "viewer");
        HttpBrowser browser = new HttpBrowser(port);
        HttpResponse<String> settings = browser.logIn("/dashboard/settings", viewerEmail, PASSWORD);
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains("API credentials of").doesNotContain("Create credentials");

        HttpResponse<String> refused = browser.post("/dashboard/settings/clients",
                Map.of("name", "sneaky", "scopes", "settlements:read", "_csrf", HttpBrowser.csrfField(settings.body())));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Your role does not allow this.").doesNotContain("kss_");

        HttpResponse<String> webhooks = browser.get("/dashboard/webhooks");
        assertThat(webhooks.statusCode()).as("the API refuses webhooks to viewers").isEqualTo(403);
        assertThat(webhooks.body()).contains("Your role does not allow this.");
    }

    @Test
    void theEnvironmentSwitcherChangesWhereTheApiCallsGo() {
        HttpBrowser browser = new HttpBrowser(port);
        HttpResponse<String> page = browser.logIn("/dashboard/settings/environments", managerEmail, PASSWORD);
        String csrf = HttpBrowser.csrfField(page.body());
        HttpResponse<String> created = browser.follow(browser.post("/dashboard/settings/environments",
                Map.of("name", "Staging", "slug", "staging", "kind", "sandbox", "_csrf", csrf)));
        assertThat(created.body()).contains("Environment Staging created.");
        String staging = created.body().replaceAll("(?s).*<option value=\"([0-9a-f-]{36})\"[^>]*>Staging</option>.*", "$1");
        assertThat(staging).hasSize(36);

        HttpResponse<String> switched = browser.follow(browser.post("/dashboard/environment",
                Map.of("environment_id", staging, "return_to", "/dashboard/settings", "_csrf", csrf)));
        assertThat(switched.uri().getPath()).isEqualTo("/dashboard/settings");
        assertThat(switched.body()).contains("API credentials of Staging")
                .containsPattern("<option value=\"" + staging + "\" selected=\"selected\">Staging</option>");
    }

    @Test
    void localhostIsSentToTheLoopbackIpThatTheIssuerAcceptsAsRedirectTarget() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/dashboard/settlements?tab=failed")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .contains("http://127.0.0.1:" + port + "/dashboard/settlements?tab=failed");
    }

    @Test
    void credentialsAreCreatedRotatedAndRevokedAndEachSecretIsShownOnce() {
        HttpBrowser browser = new HttpBrowser(port);
        HttpResponse<String> page = browser.logIn("/dashboard/settings", managerEmail, PASSWORD);
        String csrf = HttpBrowser.csrfField(page.body());

        HttpResponse<String> created = browser.post("/dashboard/settings/clients",
                Map.of("name", "reporting", "scopes", "settlements:read", "_csrf", csrf));
        assertThat(created.statusCode()).isEqualTo(200);
        String clientId = created.body().replaceAll("(?s).*Client id <code>(ksc_[^<]+)</code>.*", "$1");
        String secret = created.body().replaceAll("(?s).*id=\"client-secret\">(kss_[^<]+)</code>.*", "$1");
        assertThat(secret).startsWith("kss_");
        assertThat(api.token(clientId, secret)).isNotBlank();
        assertThat(browser.get("/dashboard/settings").body()).contains(clientId).doesNotContain(secret);

        HttpResponse<String> rotated = browser.post("/dashboard/settings/clients/" + clientId + "/rotate-secret",
                Map.of("_csrf", csrf));
        String newSecret = rotated.body().replaceAll("(?s).*id=\"client-secret\">(kss_[^<]+)</code>.*", "$1");
        assertThat(newSecret).startsWith("kss_").isNotEqualTo(secret);
        assertThat(api.tokenJson(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret)).status()).as("the old secret").isEqualTo(401);
        String token = api.token(clientId, newSecret);

        HttpResponse<String> revoked = browser.follow(browser.post("/dashboard/settings/clients/" + clientId
                + "/revoke", Map.of("_csrf", csrf)));
        assertThat(revoked.body()).contains("Client " + clientId + " revoked", "Revoked");
        assertThat(api.get("/v1/settlements", token).code()).isEqualTo("client_revoked");
    }
}
