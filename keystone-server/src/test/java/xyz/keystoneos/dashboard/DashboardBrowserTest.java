package xyz.keystoneos.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.identity.PlatformMembers;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestPlatform;

/**
 * The dashboard in a real browser (headless Chromium through Selenium), against the real server: a platform
 * manager logs in with PKCE, watches a settlement finish without reloading, approves a flagged settlement,
 * creates a webhook endpoint, adds an IP allowlist entry and invites a member. Also takes the README's screenshots.
 */
class DashboardBrowserTest extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static ChromeDriver chrome;

    @Autowired
    PlatformMembers members;

    private TestPlatform platform;
    private String token;
    private String email;
    private SettlementFlows flows;

    @BeforeAll
    static void startBrowser() {
        chrome = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @BeforeEach
    void platformWithAManager() {
        platform = newPlatform();
        token = tokenFor(platform);
        flows = new SettlementFlows(api);
        email = "manager-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        members.addMember(platform.platformId(), email, "Maria Manager", PASSWORD, "platform_manager");
        chrome.get(base() + "/dashboard/assets/dashboard.css");
        chrome.manage().deleteAllCookies();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(chrome, WAIT);
    }

    /** Opens a dashboard page; the first time, the issuer's login form comes in between. */
    private void open(String path) {
        chrome.get(base() + path);
        if (chrome.getCurrentUrl().contains("/login")) {
            chrome.findElement(By.id("username")).sendKeys(email);
            chrome.findElement(By.id("password")).sendKeys(PASSWORD);
            chrome.findElement(By.cssSelector("form button[type=submit]")).click();
            waiting().until(ExpectedConditions.urlContains(path));
        }
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
    }

    @Test
    void logsInWithPkceAndSeesTheOverview() {
        chrome.get(base() + "/");
        assertThat(chrome.getCurrentUrl()).as("sent to the issuer's login page").startsWith(base() + "/login");
        chrome.findElement(By.id("username")).sendKeys(email);
        chrome.findElement(By.id("password")).sendKeys(PASSWORD);
        chrome.findElement(By.cssSelector("form button[type=submit]")).click();

        waiting().until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Overview"));
        assertThat(chrome.getCurrentUrl()).as("back on the page that asked for the login").startsWith(base() + "/");
        assertThat(chrome.findElement(By.cssSelector("header .who")).getText()).contains("Maria Manager",
                "platform_manager");
        assertThat(new Select(chrome.findElement(By.id("environment-switcher"))).getFirstSelectedOption().getText())
                .isEqualTo("Development");
        assertThat(chrome.findElement(By.id("total-settlements")).getText()).isEqualTo("0");
        assertThat(noScriptErrors()).isTrue();

        chrome.findElement(By.cssSelector("header form button[type=submit]:not(.secondary)")).click();
        waiting().until(ExpectedConditions.urlContains("/login?logout"));
        chrome.get(base() + "/dashboard");
        assertThat(chrome.getCurrentUrl()).as("signed out: the dashboard asks for the password again")
                .startsWith(base() + "/login");
    }

    @Test
    void seesASettlementProgressLiveWithoutReloading() {
        String seller = wallet();
        String buyer = wallet();
        String id = createSettlement("LIVE-" + UUID.randomUUID().toString().substring(0, 6), "Seller Fund", seller,
                buyer);
        flows.awaitState(token, id, "AWAITING_DEPOSITS");

        open("/dashboard/settlements/" + id);
        assertThat(state()).isEqualTo("AWAITING_DEPOSITS");
        ((JavascriptExecutor) chrome).executeScript("window.keystoneSamePage = 'yes';");

        flows.fund(token, seller, "BOND-2026-A", "250");
        flows.fund(token, buyer, "TUSDC", "25000");
        flows.depositOwnLegs(token, id);

        waiting().until(driver -> "FINALIZED".equals(state()));
        assertThat(((JavascriptExecutor) chrome).executeScript("return window.keystoneSamePage;"))
                .as("the page updated in place, not by a reload").isEqualTo("yes");
        assertThat(chrome.findElement(By.id("event-timeline")).getText()).contains("Executing swap → Finalized");
        assertThat(chrome.findElement(By.id("evidence")).getText()).contains("Valid");
        assertThat(chrome.findElements(By.cssSelector("#settlement-live[hx-trigger]")))
                .as("polling stops at a terminal state").isEmpty();
    }

    @Test
    void approvesAFlaggedSettlementFromTheComplianceQueue() {
        String id = createSettlement("FLAGGED-1", "FLAG Holdings", wallet(), wallet());
        Polling.until(() -> flows.settlement(token, id), s -> "COMPLIANCE_CHECKING".equals(s.get("state").asString())
                && s.get("parties").toString().contains("\"flagged\""), WAIT, "the settlement to be flagged");

        open("/dashboard/compliance");
        WebElement review = chrome.findElement(By.id("review-" + id));
        assertThat(review.getText()).contains("FLAG Holdings", "flagged");
        review.findElement(By.tagName("textarea")).sendKeys("Name match reviewed: not the listed entity");
        review.findElement(By.cssSelector("button[value=approve]")).click();

        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("review-" + id), "Approved"));
        JsonNode decided = Polling.until(() -> flows.settlement(token, id),
                s -> !"COMPLIANCE_CHECKING".equals(s.get("state").asString()), WAIT, "the decision to take effect");
        assertThat(decided.get("state").asString()).isIn("COMPLIANCE_CLEARED", "AWAITING_DEPOSITS");
        JsonNode events = api.get("/v1/settlements/" + id + "/events", token).body().get("items");
        assertThat(events.toString()).contains("user:");
    }

    @Test
    void createsAWebhookEndpoint() {
        String url = "http://127.0.0.1:9/keystone-hooks/" + UUID.randomUUID();
        open("/dashboard/webhooks");
        chrome.findElement(By.id("webhook-url")).sendKeys(url);
        chrome.findElement(By.id("webhook-description")).sendKeys("Back office");
        WebElement events = chrome.findElement(By.id("webhook-events"));
        events.clear();
        events.sendKeys("settlement.state.* instruction.matched");
        chrome.findElement(By.cssSelector("#create-webhook button[type=submit]")).click();

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("webhook-secret")));
        assertThat(chrome.findElement(By.id("webhook-secret")).getText()).startsWith("whsec_");
        assertThat(chrome.findElement(By.tagName("table")).getText()).contains(url, "Back office");
        JsonNode listed = api.get("/v1/platforms/me/webhooks", token).body().get("items");
        assertThat(listed.toString()).contains(url, "settlement.state.*", "instruction.matched");
    }

    @Test
    void addsAnIpAllowlistEntryToAnotherEnvironment() {
        ApiResponse staging = api.post("/v1/platforms/me/environments", token,
                Api.json(Map.of("name", "Staging", "slug", "staging", "kind", "sandbox")));
        assertThat(staging.status()).as(staging.toString()).isEqualTo(201);

        open("/dashboard/settings/security");
        new Select(chrome.findElement(By.id("allowlist-environment"))).selectByVisibleText("Staging");
        waiting().until(ExpectedConditions.urlContains("environment=" + staging.text("id")));
        chrome.findElement(By.id("allowlist-cidr")).sendKeys("203.0.113.0/24");
        chrome.findElement(By.id("allowlist-description")).sendKeys("Office");
        chrome.findElement(By.cssSelector("#add-allowlist-entry button[type=submit]")).click();

        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("allowlist"), "203.0.113.0/24"));
        assertThat(chrome.findElement(By.id("flash")).getText()).contains("Added 203.0.113.0/24");
        JsonNode entries = api.get("/v1/platforms/me/environments/staging/ip-allowlist", token).body().get("items");
        assertThat(entries.toString()).contains("203.0.113.0/24", "Office");
    }

    @Test
    void invitesAMemberAndShowsTheLink() {
        String invitee = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        open("/dashboard/settings/members");
        chrome.findElement(By.id("invite-email")).sendKeys(invitee);
        new Select(chrome.findElement(By.id("invite-role"))).selectByValue("operations");
        chrome.findElement(By.cssSelector("#invite-member button[type=submit]")).click();

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("invitation-url")));
        String link = chrome.findElement(By.id("invitation-url")).getText();
        assertThat(link).startsWith(base() + "/invitations/");
        assertThat(chrome.findElement(By.id("invitation-created")).getText()).contains(invitee, "operations");
        assertThat(chrome.findElement(By.tagName("main")).getText()).contains("Pending invitations", invitee);
    }

    /** A platform with settlements in several states, a webhook with deliveries; one screenshot per main page. */
    @Test
    void screenshotsOfTheMainPages() {
        ApiResponse hook = api.post("/v1/platforms/me/webhooks", token, Api.json(Map.of(
                "url", "http://127.0.0.1:9/hooks/keystone", "description", "Back office (offline)")));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
        String seller = wallet();
        String buyer = wallet();
        String finalized = null;
        for (int i = 1; i <= 3; i++) {
            String id = createSettlement("TRADE-2026-00" + i, "Acme Fund " + i, seller, buyer);
            flows.awaitState(token, id, "AWAITING_DEPOSITS");
            flows.fund(token, seller, "BOND-2026-A", "250");
            flows.fund(token, buyer, "TUSDC", "25000");
            flows.depositOwnLegs(token, id);
            flows.awaitState(token, id, "FINALIZED");
            finalized = id;
        }
        String awaiting = createSettlement("TRADE-2026-004", "Northwind Capital", wallet(), wallet());
        flows.awaitState(token, awaiting, "AWAITING_DEPOSITS");
        String flagged = createSettlement("TRADE-2026-005", "FLAG Holdings Ltd", wallet(), wallet());
        String rejected = createSettlement("TRADE-2026-006", "Red FLAG Trading", wallet(), wallet());
        flows.awaitState(token, flagged, "COMPLIANCE_CHECKING");
        flows.awaitState(token, rejected, "COMPLIANCE_CHECKING");
        Polling.until(() -> api.post("/v1/settlements/" + rejected + "/compliance-decision", token,
                Api.json(Map.of("decision", "reject", "reason", "Sanctions match confirmed"))),
                response -> response.status() == 200, WAIT, "the rejection");
        ApiResponse client = api.post("/v1/platforms/me/environments/development/clients", token,
                Api.json(Map.of("name", "reporting", "scopes", java.util.List.of("settlements:read"))));
        assertThat(client.status()).as(client.toString()).isEqualTo(201);

        open("/dashboard");
        assertThat(chrome.findElement(By.id("total-settlements")).getText()).isEqualTo("6");
        assertThat(chrome.findElement(By.id("completed-settlements")).getText()).isEqualTo("3");
        assertThat(chrome.findElement(By.id("compliance-pending")).getText()).isEqualTo("1");
        Chromium.screenshot(chrome, "overview");

        open("/dashboard/settlements");
        assertThat(chrome.findElements(By.cssSelector("tr[data-settlement-id]"))).hasSize(6);
        chrome.findElement(By.linkText("Settled")).click();
        waiting().until(driver -> driver.findElements(By.cssSelector("tr[data-settlement-id]")).size() == 3);
        assertThat(chrome.getCurrentUrl()).as("the tab is in the address bar").contains("tab=settled");
        chrome.findElement(By.linkText("All")).click();
        waiting().until(driver -> driver.findElements(By.cssSelector("tr[data-settlement-id]")).size() == 6);
        Chromium.screenshot(chrome, "settlements");
        chrome.findElement(By.id("settlement-search")).sendKeys("TRADE-2026-004");
        chrome.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
        waiting().until(driver -> driver.findElements(By.cssSelector("tr[data-settlement-id]")).size() == 1);
        assertThat(chrome.findElement(By.cssSelector("tr[data-settlement-id]")).getAttribute("data-settlement-id"))
                .isEqualTo(awaiting);

        open("/dashboard/settlements/" + finalized);
        assertThat(state()).isEqualTo("FINALIZED");
        Chromium.screenshot(chrome, "settlement-detail");

        open("/dashboard/compliance");
        assertThat(chrome.findElements(By.cssSelector("article.review"))).hasSize(1);
        Chromium.screenshot(chrome, "compliance");

        open("/dashboard/webhooks");
        Chromium.screenshot(chrome, "webhooks");
        Polling.until(() -> api.get("/v1/platforms/me/webhooks/" + hook.text("id") + "/deliveries", token).body(),
                deliveries -> deliveries.get("items").size() > 0, WAIT, "deliveries to the endpoint");
        open("/dashboard/webhooks/" + hook.text("id"));
        assertThat(chrome.findElement(By.tagName("main")).getText()).contains("settlement.state.");
        chrome.findElement(By.xpath("//button[text()='Send test ping']")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("test-result"), "Test ping failed"));
        Chromium.screenshot(chrome, "webhook-deliveries");

        ApiResponse pending = api.post("/v1/instructions", token, SettlementFlows.sellerInstruction(
                UUID.randomUUID().toString(), null, "Acme Fund 1", seller, "cross_platform_dvp"));
        assertThat(pending.status()).as(pending.toString()).isEqualTo(201);
        ApiResponse other = api.post("/v1/instructions", token, SettlementFlows.sellerInstruction(
                UUID.randomUUID().toString(), null, "Acme Fund 2", seller, "cross_platform_dvp"));
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        open("/dashboard/instructions");
        assertThat(chrome.findElement(By.tagName("main")).getText()).contains(pending.text("trade_reference"),
                other.text("trade_reference"), "Pending match");
        Chromium.screenshot(chrome, "instructions");
        chrome.findElement(By.cssSelector("button[aria-label='Cancel instruction " + other.text("trade_reference")
                + "']")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "Instruction cancelled."));
        assertThat(api.get("/v1/instructions/" + other.text("id"), token).text("status")).isEqualTo("cancelled");

        open("/dashboard/settings");
        assertThat(chrome.findElement(By.tagName("main")).getText()).contains("reporting");
        Chromium.screenshot(chrome, "settings");
        open("/dashboard/settings/members");
        Chromium.screenshot(chrome, "settings-members");
    }

    private String state() {
        return chrome.findElement(By.id("settlement-state")).getAttribute("data-state");
    }

    private boolean noScriptErrors() {
        Object htmx = ((JavascriptExecutor) chrome).executeScript("return typeof window.htmx;");
        return "object".equals(htmx);
    }

    private String createSettlement(String reference, String sellerName, String seller, String buyer) {
        String body = """
                {
                  "idempotency_key": "%s",
                  "template_slug": "dvp-standard",
                  "external_reference": "%s",
                  "timeout_at": "%s",
                  "parties": [
                    {"role": "seller", "external_reference": "S-1", "name": "%s", "wallet_address": "%s",
                     "chain_id": 11155111},
                    {"role": "buyer", "external_reference": "B-1", "name": "Buyer Treasury", "wallet_address": "%s",
                     "chain_id": 11155111}
                  ],
                  "legs": [
                    {"leg_type": "asset_delivery", "instrument_id": "BOND-2026-A", "quantity": "250",
                     "direction": "deliver", "party_role": "seller"},
                    {"leg_type": "payment", "instrument_id": "TUSDC", "quantity": "25000", "direction": "deliver",
                     "party_role": "buyer"}
                  ]
                }""".formatted(UUID.randomUUID(), reference, Instant.now().plus(Duration.ofHours(2)), sellerName,
                seller, buyer);
        ApiResponse created = api.post("/v1/settlements", token, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private static String wallet() {
        byte[] address = new byte[20];
        RANDOM.nextBytes(address);
        return "0x" + HexFormat.of().formatHex(address);
    }
}
