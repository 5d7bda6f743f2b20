package xyz.keystoneos.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.identity.IdentityActivity;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestPlatform;

/** The activity log over HTTP: what gets recorded, by whom, the filters of {@code GET /v1/activity}, isolation. */
class ActivityLogApiTest extends IntegrationTest {

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    private TestPlatform platform;
    private String token;

    @BeforeEach
    void platform() {
        platform = newPlatform();
        token = tokenFor(platform);
    }

    static String settlementBody(String key) {
        return """
                {
                  "idempotency_key": "%s",
                  "template_slug": "fop-standard",
                  "timeout_at": "%s",
                  "parties": [
                    {"role": "seller", "external_reference": "S-1", "name": "Seller Fund",
                     "wallet_address": "0x1111111111111111111111111111111111111111", "chain_id": 11155111},
                    {"role": "buyer", "external_reference": "B-1", "name": "Buyer Fund",
                     "wallet_address": "0x2222222222222222222222222222222222222222", "chain_id": 11155111}
                  ],
                  "legs": [{"leg_type": "asset_delivery", "instrument_id": "BOND-2026-A", "quantity": "250",
                            "direction": "deliver", "party_role": "seller"}]
                }""".formatted(key, Instant.now().plus(Duration.ofHours(1)));
    }

    private String createSettlement() {
        ApiResponse created = api.post("/v1/settlements", token, settlementBody(UUID.randomUUID().toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private JsonNode activity(String token, String query) {
        ApiResponse response = api.get("/v1/activity" + query, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    /** The entry is written right after the call completes (the answer may reach us first): wait briefly. */
    private JsonNode awaitEntry(String query, Predicate<JsonNode> match) {
        JsonNode page = Polling.until(() -> activity(token, query), p -> items(p).stream().anyMatch(match),
                Duration.ofSeconds(5), "an activity entry for " + query);
        return items(page).stream().filter(match).findFirst().orElseThrow();
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    private static Predicate<JsonNode> ofType(String type) {
        return entry -> entry.get("type").asString().equals(type);
    }

    @Test
    void creatingASettlementIsRecordedWithTheCallingClientAsActor() {
        String id = createSettlement();

        JsonNode entry = awaitEntry("?resource_id=" + id, ofType("settlement.created"));

        assertThat(entry.get("actor").asString()).isEqualTo("m2m:" + platform.clientId());
        assertThat(entry.get("actor_kind").asString()).isEqualTo("m2m");
        assertThat(entry.get("category").asString()).isEqualTo("settlements");
        assertThat(entry.get("resource_type").asString()).isEqualTo("settlement");
        assertThat(entry.get("resource_id").asString()).isEqualTo(id);
        assertThat(entry.get("platform_id").asString()).isEqualTo(platform.platformId().toString());
        assertThat(entry.get("environment_id").asString()).isEqualTo(platform.environmentId().toString());
        assertThat(entry.get("method").asString()).isEqualTo("POST");
        assertThat(entry.get("path").asString()).isEqualTo("/v1/settlements");
        assertThat(entry.get("status_code").asInt()).isEqualTo(201);
        assertThat(entry.get("request_id").asString()).isNotBlank();
        assertThat(entry.get("ip_address").asString()).isNotBlank();
        assertThat(entry.get("occurred_at").asString()).isNotBlank();
        assertThat(entry.get("details").get("route").asString()).isEqualTo("/v1/settlements");
    }

    @Test
    void theRequestIdOfTheCallIsTheOneInTheEntry() {
        ApiResponse created = api.post("/v1/settlements", token, settlementBody(UUID.randomUUID().toString()),
                "X-Request-Id", "trace-activity-" + UUID.randomUUID());

        JsonNode entry = awaitEntry("?resource_id=" + created.text("id"), ofType("settlement.created"));

        assertThat(entry.get("request_id").asString()).isEqualTo(created.header("X-Request-Id"));
    }

    @Test
    void changingAWebhookEndpointIsRecordedForEachChange() {
        ApiResponse created = api.post("/v1/platforms/me/webhooks", token,
                "{\"url\": \"https://hooks.example.com/activity\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String endpoint = created.text("id");
        ApiResponse updated = api.patch("/v1/platforms/me/webhooks/" + endpoint, token,
                "{\"description\": \"Ops listener\"}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        ApiResponse deleted = api.delete("/v1/platforms/me/webhooks/" + endpoint, token);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

        awaitEntry("?resource_id=" + endpoint, ofType("webhook_endpoint.deleted"));
        JsonNode page = activity(token, "?resource_id=" + endpoint);

        assertThat(items(page)).extracting(e -> e.get("type").asString()).containsExactly(
                "webhook_endpoint.deleted", "webhook_endpoint.updated", "webhook_endpoint.created");
        assertThat(items(page)).allSatisfy(e -> {
            assertThat(e.get("category").asString()).isEqualTo("webhooks");
            assertThat(e.get("actor").asString()).isEqualTo("m2m:" + platform.clientId());
        });
        assertThat(items(page).get(1).get("method").asString()).isEqualTo("PATCH");
        assertThat(items(page).get(1).get("path").asString()).isEqualTo("/v1/platforms/me/webhooks/" + endpoint);
        assertThat(items(page).get(0).get("status_code").asInt()).isEqualTo(204);
    }

    @Test
    void submittingAndCancellingAnInstructionAreRecorded() {
        ApiResponse submitted = api.post("/v1/instructions", token, SettlementFlows.sellerInstruction(
                UUID.randomUUID().toString(), null, "Seller Fund", SettlementFlows.SELLER_WALLET, "dvp-standard"));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        String id = submitted.text("id");
        ApiResponse cancelled = api.post("/v1/instructions/" + id + "/cancel", token, "");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);

        JsonNode cancel = awaitEntry("?category=instructions&resource_id=" + id, ofType("instruction.cancelled"));
        JsonNode submit = awaitEntry("?category=instructions&resource_id=" + id, ofType("instruction.submitted"));

        assertThat(cancel.get("actor").asString()).isEqualTo("m2m:" + platform.clientId());
        assertThat(cancel.get("path").asString()).isEqualTo("/v1/instructions/" + id + "/cancel");
        assertThat(submit.get("resource_type").asString()).isEqualTo("instruction");
        assertThat(submit.get("status_code").asInt()).isEqualTo(201);
    }

    @Test
    void failedCallsReadsAndIdempotentReplaysAreNotRecorded() {
        String key = UUID.randomUUID().toString();
        String body = settlementBody(key);
        ApiResponse first = api.post("/v1/settlements", token, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        ApiResponse replay = api.post("/v1/settlements", token, body);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        ApiResponse invalid = api.post("/v1/settlements", token, "{\"template_slug\": 42}");
        assertThat(invalid.status()).isEqualTo(400);
        api.get("/v1/settlements/" + first.text("id"), token);
        String marker = createSettlement();
        awaitEntry("?resource_id=" + marker, ofType("settlement.created"));

        JsonNode page = activity(token, "?category=settlements");

        assertThat(items(page)).extracting(e -> e.get("resource_id").asString())
                .containsExactly(marker, first.text("id"));
        assertThat(page.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void filtersNarrowTheLogNewestFirst() {
        String settlement = createSettlement();
        ApiResponse webhook = api.post("/v1/platforms/me/webhooks", token,
                "{\"url\": \"https://hooks.example.com/filters\"}");
        String endpoint = webhook.text("id");
        awaitEntry("?resource_id=" + endpoint, ofType("webhook_endpoint.created"));
        awaitEntry("?resource_id=" + settlement, ofType("settlement.created"));

        assertThat(items(activity(token, "?type=settlement.created"))).extracting(e -> e.get("resource_id").asString())
                .containsExactly(settlement);
        assertThat(items(activity(token, "?type=webhook_endpoint.*"))).extracting(e -> e.get("resource_id").asString())
                .containsExactly(endpoint);
        assertThat(items(activity(token, "?category=webhooks"))).extracting(e -> e.get("type").asString())
                .containsExactly("webhook_endpoint.created");
        assertThat(items(activity(token, "?category=settlements&resource_id=" + endpoint))).isEmpty();
        assertThat(items(activity(token, "?environment_id=" + platform.environmentId()))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(items(activity(token, "?environment_id=" + UUID.randomUUID()))).isEmpty();

        String hourAgo = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        String inAMinute = Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode window = activity(token, "?category=settlements&date_from=" + hourAgo + "&date_to=" + inAMinute);
        assertThat(items(window)).extracting(e -> e.get("resource_id").asString()).contains(settlement);
        assertThat(activity(token, "?date_from=" + inAMinute).get("total").asLong()).isZero();
        assertThat(activity(token, "?date_to=" + hourAgo).get("total").asLong()).isZero();
        String today = Instant.now().toString().substring(0, 10);
        assertThat(activity(token, "?type=settlement.created&date_from=" + today + "&date_to=" + today)
                .get("total").asLong()).isEqualTo(1);

        JsonNode all = activity(token, "?limit=1");
        assertThat(all.get("limit").asInt()).isEqualTo(1);
        assertThat(all.get("offset").asInt()).isZero();
        assertThat(all.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(items(all).getFirst().get("resource_id").asString()).isEqualTo(endpoint);
        JsonNode next = activity(token, "?limit=1&starting_after=" + items(all).getFirst().get("id").asString());
        assertThat(items(next).getFirst().get("resource_id").asString()).isEqualTo(settlement);
    }

    @Test
    void anotherPlatformsEntriesAreNeverVisible() {
        String mine = createSettlement();
        awaitEntry("?resource_id=" + mine, ofType("settlement.created"));
        TestPlatform other = newPlatform();
        String otherToken = tokenFor(other);

        JsonNode theirs = activity(otherToken, "");
        JsonNode byId = activity(otherToken, "?resource_id=" + mine);
        ApiResponse cursor = api.get("/v1/activity?starting_after="
                + items(activity(token, "?resource_id=" + mine)).getFirst().get("id").asString(), otherToken);

        assertThat(items(theirs)).allSatisfy(e ->
                assertThat(e.get("platform_id").asString()).isEqualTo(other.platformId().toString()));
        assertThat(byId.get("total").asLong()).isZero();
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.code()).isEqualTo("validation_failed");
    }

    @Test
    void badFiltersAreRefusedWithAnErrorPerField() {
        ApiResponse response = api.get("/v1/activity?category=everything&date_from=yesterday&date_to=2026-13-01"
                + "&type=Settlement%20Created&environment_id=nope", token);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("validation_failed");
        List<String> fields = new ArrayList<>();
        response.body().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("category", "date_from", "date_to", "type", "environment_id");
        ApiResponse reversed = api.get("/v1/activity?date_from=2026-02-01&date_to=2026-01-01", token);
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body().get("errors").get(0).get("field").asString()).isEqualTo("date_to");
        assertThat(api.get("/v1/activity?limit=0", token).status()).isEqualTo(400);
    }

    @Test
    void readingTheLogNeedsPlatformRead() {
        TestPlatform limited = newPlatform(Set.of(Scopes.SETTLEMENTS_READ));

        ApiResponse response = api.get("/v1/activity", tokenFor(limited));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text("required_scope")).isEqualTo("platform:read");
    }

    @Test
    void loginsPublishedByIdentityAreRecorded() {
        String clientId = "ksc_login_" + UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);

        events.publishEvent(new IdentityActivity.TokenIssued(clientId, "m2m", platform.platformId(),
                platform.environmentId(), "203.0.113.7", at));

        JsonNode entry = awaitEntry("?type=login&resource_id=" + clientId, ofType("login"));
        assertThat(entry.get("actor").asString()).isEqualTo("m2m:" + clientId);
        assertThat(entry.get("actor_kind").asString()).isEqualTo("m2m");
        assertThat(entry.get("category").asString()).isEqualTo("auth");
        assertThat(entry.get("ip_address").asString()).isEqualTo("203.0.113.7");
        assertThat(Instant.parse(entry.get("occurred_at").asString())).isEqualTo(at);
        assertThat(entry.get("method").isNull()).isTrue();
    }

    @Test
    void credentialChangesAreRecordedOnlyWhenTheirTransactionCommits() {
        String committed = "ksc_rot_" + UUID.randomUUID().toString().substring(0, 8);
        String rolledBack = "ksc_rb_" + UUID.randomUUID().toString().substring(0, 8);

        transactions.executeWithoutResult(status -> events.publishEvent(new IdentityActivity.CredentialChanged(
                "client.secret_rotated", committed, platform.platformId(), platform.environmentId(),
                "m2m:" + platform.clientId(), Instant.now())));
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new IdentityActivity.CredentialChanged("client.revoked", rolledBack,
                    platform.platformId(), platform.environmentId(), "m2m:" + platform.clientId(), Instant.now()));
            status.setRollbackOnly();
        });

        JsonNode entry = awaitEntry("?category=credentials&resource_id=" + committed,
                ofType("client.secret_rotated"));
        assertThat(entry.get("actor").asString()).isEqualTo("m2m:" + platform.clientId());
        assertThat(entry.get("resource_type").asString()).isEqualTo("client");
        assertThat(activity(token, "?resource_id=" + rolledBack).get("total").asLong()).isZero();
    }
}
