package xyz.keystoneos.webhook.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.TestPlatform;
import xyz.keystoneos.webhook.WebhookOutbox;

/** {@code GET /v1/events}: the environment's events oldest first, by cursor, filtered by type, scoped. */
class EventFeedApiTest extends IntegrationTest {

    @Autowired
    WebhookOutbox outbox;

    @Autowired
    TransactionTemplate transactions;

    private TestPlatform platform;
    private String token;
    private final List<String> published = new ArrayList<>();

    @BeforeEach
    void threeEvents() {
        platform = newPlatform();
        token = tokenFor(platform);
        published.add(publish("settlement.state.instructed", Map.of("state", "INSTRUCTED", "sequence", 1)));
        published.add(publish("instruction.matched", Map.of("trade_reference", "KS-FEED")));
        published.add(publish("settlement.state.finalized", Map.of("state", "FINALIZED", "sequence", 6)));
        Polling.until(() -> feed(token, "?limit=200"), page -> page.get("items").size() == 3, Duration.ofSeconds(20),
                "the three events to appear in the feed");
    }

    private String publish(String type, Map<String, Object> data) {
        return WebhookTestSupport.publish(transactions, outbox, platform, type, data);
    }

    private JsonNode feed(String token, String query) {
        ApiResponse response = api.get("/v1/events" + query, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    @Test
    void feedListsTheEnvironmentsEventsOldestFirstAsDelivered() {
        JsonNode page = feed(token, "");

        assertThat(ids(page)).containsExactlyElementsOf(published);
        assertThat(page.get("has_more").asBoolean()).isFalse();
        assertThat(page.get("next_cursor").asString()).isEqualTo(published.get(2));
        assertThat(page.has("total")).isFalse();
        JsonNode first = page.get("items").get(0);
        assertThat(first.get("event").asString()).isEqualTo("settlement.state.instructed");
        assertThat(first.get("created_at").asString()).isNotBlank();
        assertThat(first.get("data").get("state").asString()).isEqualTo("INSTRUCTED");
        assertThat(first.get("data").get("sequence").asInt()).isEqualTo(1);
    }

    @Test
    void startingAfterContinuesWhereThePreviousPageEnded() {
        JsonNode first = feed(token, "?limit=2");
        assertThat(ids(first)).containsExactlyElementsOf(published.subList(0, 2));
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("next_cursor").asString()).isEqualTo(published.get(1));

        JsonNode second = feed(token, "?limit=2&starting_after=" + first.get("next_cursor").asString());
        assertThat(ids(second)).containsExactly(published.get(2));
        assertThat(second.get("has_more").asBoolean()).isFalse();

        JsonNode caughtUp = feed(token, "?starting_after=" + second.get("next_cursor").asString());
        assertThat(caughtUp.get("items")).isEmpty();
        assertThat(caughtUp.get("has_more").asBoolean()).isFalse();
        assertThat(caughtUp.get("next_cursor").isNull()).isTrue();

        String later = publish("settlement.state.timed_out", Map.of());
        JsonNode resumed = Polling.until(() -> feed(token, "?starting_after=" + published.get(2)),
                page -> !page.get("items").isEmpty(), Duration.ofSeconds(20), "the later event");
        assertThat(ids(resumed)).containsExactly(later);
    }

    @Test
    void typeFiltersByEventTypeOrPattern() {
        assertThat(ids(feed(token, "?type=instruction.matched"))).containsExactly(published.get(1));
        assertThat(ids(feed(token, "?type=settlement.state.*"))).containsExactly(published.get(0), published.get(2));
        assertThat(ids(feed(token, "?type=settlement.state.*&limit=1&starting_after=" + published.get(0))))
                .containsExactly(published.get(2));

        ApiResponse unknown = api.get("/v1/events?type=settlement.done", token);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("errors").get(0).get("field").asString()).isEqualTo("type");
    }

    @Test
    void unknownCursorOrLimitIsRefused() {
        String otherToken = tokenFor(newPlatform());

        assertThat(api.get("/v1/events?starting_after=evt_doesnotexist", token).status()).isEqualTo(400);
        ApiResponse foreign = api.get("/v1/events?starting_after=" + published.get(0), otherToken);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body().get("errors").get(0).get("field").asString()).isEqualTo("starting_after");
        assertThat(api.get("/v1/events?limit=0", token).status()).isEqualTo(400);
        assertThat(api.get("/v1/events?limit=201", token).status()).isEqualTo(400);
        assertThat(feed(token, "?limit=200").get("items")).hasSize(3);
    }

    @Test
    void otherEnvironmentsSeeNoneOfTheseEvents() {
        assertThat(feed(tokenFor(newPlatform()), "").get("items")).isEmpty();
    }

    @Test
    void feedIsOpenToSettlementReadersAndWebhookManagersOnly() {
        String reader = tokenFor(newPlatform(Set.of(Scopes.SETTLEMENTS_READ)));
        String manager = tokenFor(newPlatform(Set.of(Scopes.WEBHOOKS_MANAGE)));
        String neither = tokenFor(newPlatform(Set.of(Scopes.TEMPLATES_READ, Scopes.INSTRUCTIONS_READ)));

        assertThat(api.get("/v1/events", reader).status()).isEqualTo(200);
        assertThat(api.get("/v1/events", manager).status()).isEqualTo(200);
        ApiResponse forbidden = api.get("/v1/events", neither);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("insufficient_scope");
    }
}
