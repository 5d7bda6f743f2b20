package xyz.keystoneos.webhook.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static xyz.keystoneos.webhook.api.WebhookTestSupport.WEBHOOKS;
import static xyz.keystoneos.webhook.api.WebhookTestSupport.delete;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.support.Api;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;

/** Managing webhook endpoints over HTTP: create, read, list, change, delete, rotate, idempotency, isolation. */
class WebhookEndpointApiTest extends IntegrationTest {

    private static final String URL = "https://hooks.example.com/keystone";

    private TestPlatform platform;
    private String token;

    @BeforeEach
    void platform() {
        platform = newPlatform();
        token = tokenFor(platform);
    }

    private ApiResponse create(String body) {
        return api.post(WEBHOOKS, token, body);
    }

    private String createdId() {
        ApiResponse created = create("{\"url\": \"" + URL + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static JsonNode error(ApiResponse response, String field) {
        for (JsonNode error : response.body().get("errors")) {
            if (error.get("field").asString().equals(field)) {
                return error;
            }
        }
        throw new AssertionError("no error for " + field + " in " + response);
    }

    @Test
    void creatingAnEndpointShowsItsSecretOnceAndNeverAgain() {
        ApiResponse created = create("{\"url\": \"" + URL + "\", \"description\": \"Ops listener\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.body();
        String secret = body.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(body.get("url").asString()).isEqualTo(URL);
        assertThat(body.get("description").asString()).isEqualTo("Ops listener");
        assertThat(strings(body.get("events"))).containsExactly("*");
        assertThat(body.get("is_active").asBoolean()).isTrue();
        for (String field : List.of("disabled_reason", "disabled_at", "failing_since", "previous_secret_valid_until")) {
            assertThat(body.get(field).isNull()).as(field).isTrue();
        }
        assertThat(body.get("created_at").asString()).isNotBlank();
        assertThat(body.get("updated_at").asString()).isNotBlank();

        String id = body.get("id").asString();
        ApiResponse fetched = api.get(WEBHOOKS + "/" + id, token);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body().has("secret")).isFalse();
        assertThat(fetched.rawBody()).doesNotContain(secret);
        assertThat(fetched.text("url")).isEqualTo(URL);

        ApiResponse list = api.get(WEBHOOKS, token);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("total").asLong()).isEqualTo(1);
        assertThat(list.body().get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(list.body().get("items").get(0).has("secret")).isFalse();
        assertThat(list.rawBody()).doesNotContain(secret);
    }

    @Test
    void clientChosenSecretAndEventPatternsAreKeptWithoutDuplicates() {
        String secret = WebhookTestSupport.newSecret();
        ApiResponse created = create(Api.json(Map.of("url", URL, "secret", secret, "events",
                List.of("settlement.*", "instruction.matched", "settlement.*"))));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("secret")).isEqualTo(secret);
        assertThat(strings(created.body().get("events"))).containsExactly("settlement.*", "instruction.matched");
    }

    @Test
    void malformedOrMissingUrlIsRefusedNamingTheField() {
        for (String body : List.of("{\"url\": \"not a url\"}", "{\"url\": \"ftp://example.com/hook\"}",
                "{\"url\": \"https://user:pw@example.com/hook\"}", "{\"description\": \"no url\"}",
                "{\"url\": \"\"}")) {
            ApiResponse response = create(body);
            assertThat(response.status()).as(body + " → " + response).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
            assertThat(error(response, "url").get("message").asString()).isNotBlank();
        }
        assertThat(api.get(WEBHOOKS, token).body().get("total").asLong()).isZero();
    }

    @Test
    void unknownEventPatternIsRefusedListingTheValidOnes() {
        ApiResponse response = create(Api.json(Map.of("url", URL, "events",
                List.of("settlement.*", "settlement.stat", "bogus.*"))));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("validation_failed");
        String message = error(response, "events[1]").get("message").asString();
        assertThat(message).contains("settlement.stat", "'*'", "settlement.state.*", "settlement.*",
                "settlement.state.finalized", "instruction.matched", "webhook.endpoint.disabled");
        assertThat(error(response, "events[2]").get("message").asString()).contains("bogus.*");

        ApiResponse empty = create(Api.json(Map.of("url", URL, "events", List.of())));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(error(empty, "events").get("message").asString()).contains("must not be empty");
    }

    @Test
    void malformedSecretIsRefusedExplainingTheFormat() {
        for (String secret : List.of("whsec_dG9vIHNob3J0", "plain-secret-without-prefix", "whsec_not base64!")) {
            ApiResponse response = create(Api.json(Map.of("url", URL, "secret", secret)));
            assertThat(response.status()).as(secret + " → " + response).isEqualTo(400);
            assertThat(error(response, "secret").get("message").asString()).contains("whsec_", "base64");
        }
    }

    @Test
    void overlongDescriptionAndUnknownFieldsAreRefused() {
        ApiResponse longDescription = create(Api.json(Map.of("url", URL, "description", "x".repeat(501))));
        assertThat(longDescription.status()).isEqualTo(400);
        assertThat(error(longDescription, "description").get("message").asString()).contains("500");

        ApiResponse unknown = create("{\"url\": \"" + URL + "\", \"enabled\": true}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(error(unknown, "enabled").get("message").asString()).contains("not a recognised field");

        ApiResponse wrongType = create("{\"url\": \"" + URL + "\", \"events\": \"*\"}");
        assertThat(wrongType.status()).isEqualTo(400);
    }

    @Test
    void anotherPlatformGetsNotFoundForEveryOperation() {
        String id = createdId();
        String other = tokenFor(newPlatform());
        String path = WEBHOOKS + "/" + id;

        List<ApiResponse> responses = List.of(api.get(path, other),
                api.patch(path, other, "{\"description\": \"mine now\"}"), delete(api, path, other),
                api.post(path + "/rotate-secret", other, ""), api.post(path + "/test", other, ""),
                api.get(path + "/deliveries", other),
                api.post(path + "/deliveries/" + WebhookTestSupport.randomId() + "/retry", other, ""),
                api.post(path + "/replay", other, "{\"since\": \"2026-01-01T00:00:00Z\", "
                        + "\"until\": \"2026-01-02T00:00:00Z\"}"));
        for (ApiResponse response : responses) {
            assertThat(response.status()).as(response.toString()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("webhook_endpoint_not_found");
        }
        assertThat(api.get(WEBHOOKS, other).body().get("total").asLong()).isZero();
        assertThat(api.get(path, token).status()).isEqualTo(200);
        assertThat(api.get(path, token).text("description")).isNotEqualTo("mine now");
    }

    @Test
    void malformedEndpointIdIsNotFound() {
        ApiResponse response = api.get(WEBHOOKS + "/not-an-id", token);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("webhook_endpoint_not_found");
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        String id = createdId();
        String path = WEBHOOKS + "/" + id;

        ApiResponse described = api.patch(path, token, "{\"description\": \"Settlement listener\"}");
        assertThat(described.status()).as(described.toString()).isEqualTo(200);
        assertThat(described.text("description")).isEqualTo("Settlement listener");
        assertThat(described.text("url")).isEqualTo(URL);
        assertThat(strings(described.body().get("events"))).containsExactly("*");
        assertThat(described.body().has("secret")).isFalse();

        ApiResponse moved = api.patch(path, token, Api.json(Map.of("url", "https://other.example.com/hooks",
                "events", List.of("settlement.state.*", "instruction.expired"))));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.text("url")).isEqualTo("https://other.example.com/hooks");
        assertThat(strings(moved.body().get("events"))).containsExactly("settlement.state.*", "instruction.expired");
        assertThat(moved.text("description")).isEqualTo("Settlement listener");

        ApiResponse cleared = api.patch(path, token, "{\"description\": \"\"}");
        assertThat(cleared.body().get("description").isNull()).isTrue();

        assertThat(api.get(path, token).text("url")).isEqualTo("https://other.example.com/hooks");
    }

    @Test
    void patchRefusesInvalidValuesAndLeavesTheEndpointAlone() {
        String id = createdId();
        String path = WEBHOOKS + "/" + id;

        assertThat(api.patch(path, token, "{\"events\": []}").status()).isEqualTo(400);
        ApiResponse badPattern = api.patch(path, token, "{\"events\": [\"settlement.state.done\"]}");
        assertThat(badPattern.status()).isEqualTo(400);
        assertThat(error(badPattern, "events[0]")).isNotNull();
        assertThat(error(api.patch(path, token, "{\"url\": \"mailto:ops@example.com\"}"), "url")).isNotNull();
        assertThat(error(api.patch(path, token, "{\"secret\": \"" + WebhookTestSupport.newSecret() + "\"}"),
                "secret").get("message").asString()).contains("not a recognised field");
        assertThat(api.patch(path, token, "{\"is_active\": \"no\"}").status()).isEqualTo(400);

        JsonNode unchanged = api.get(path, token).body();
        assertThat(unchanged.get("url").asString()).isEqualTo(URL);
        assertThat(strings(unchanged.get("events"))).containsExactly("*");
    }

    @Test
    void deactivatingRecordsWhyAndReactivatingClearsIt() {
        String path = WEBHOOKS + "/" + createdId();

        ApiResponse off = api.patch(path, token, "{\"is_active\": false}");
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.body().get("is_active").asBoolean()).isFalse();
        assertThat(off.text("disabled_reason")).isEqualTo("disabled via the API");
        assertThat(off.body().get("disabled_at").isNull()).isFalse();

        ApiResponse described = api.patch(path, token, "{\"description\": \"still off\"}");
        assertThat(described.body().get("is_active").asBoolean()).isFalse();
        assertThat(described.text("disabled_reason")).isEqualTo("disabled via the API");

        ApiResponse on = api.patch(path, token, "{\"is_active\": true}");
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.body().get("is_active").asBoolean()).isTrue();
        assertThat(on.body().get("disabled_reason").isNull()).isTrue();
        assertThat(on.body().get("disabled_at").isNull()).isTrue();
        assertThat(on.body().get("failing_since").isNull()).isTrue();
    }

    @Test
    void deletedEndpointIsGone() {
        String path = WEBHOOKS + "/" + createdId();

        ApiResponse deleted = delete(api, path, token);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.rawBody()).isEmpty();
        assertThat(api.get(path, token).status()).isEqualTo(404);
        assertThat(delete(api, path, token).status()).isEqualTo(404);
        assertThat(api.get(WEBHOOKS, token).body().get("total").asLong()).isZero();
    }

    @Test
    void rotatingGivesANewSecretAndKeepsTheOldOneValidFor24Hours() {
        ApiResponse created = create("{\"url\": \"" + URL + "\"}");
        String path = WEBHOOKS + "/" + created.text("id");

        ApiResponse rotated = api.post(path + "/rotate-secret", token, "");
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String newSecret = rotated.text("new_secret");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(created.text("secret"));
        Instant until = Instant.parse(rotated.text("previous_secret_valid_until"));
        assertThat(until).isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(1, ChronoUnit.MINUTES));

        JsonNode endpoint = api.get(path, token).body();
        assertThat(Instant.parse(endpoint.get("previous_secret_valid_until").asString())).isEqualTo(until);
        assertThat(endpoint.has("secret")).isFalse();
        assertThat(endpoint.toString()).doesNotContain(newSecret);

        String chosen = WebhookTestSupport.newSecret();
        ApiResponse again = api.post(path + "/rotate-secret", token, "{\"secret\": \"" + chosen + "\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("new_secret")).isEqualTo(chosen);

        ApiResponse same = api.post(path + "/rotate-secret", token, "{\"secret\": \"" + chosen + "\"}");
        assertThat(same.status()).isEqualTo(400);
        ApiResponse malformed = api.post(path + "/rotate-secret", token, "{\"secret\": \"whsec_abc\"}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(error(malformed, "secret").get("message").asString()).contains("base64");
    }

    @Test
    void sameIdempotencyKeyReplaysTheCreationAndADifferentBodyIsRefused() {
        String key = "create-endpoint-" + WebhookTestSupport.randomId();
        String body = "{\"url\": \"" + URL + "\", \"events\": [\"settlement.*\"]}";

        ApiResponse first = api.post(WEBHOOKS, token, body, "Idempotency-Key", key);
        ApiResponse repeat = api.post(WEBHOOKS, token, body, "Idempotency-Key", key);
        ApiResponse different = api.post(WEBHOOKS, token, "{\"url\": \"" + URL + "/other\"}", "Idempotency-Key", key);
        ApiResponse inBody = api.post(WEBHOOKS, token,
                "{\"idempotency_key\": \"" + key + "\", \"url\": \"" + URL + "\", \"events\": [\"settlement.*\"]}");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.text("id")).isEqualTo(first.text("id"));
        assertThat(repeat.text("secret")).isEqualTo(first.text("secret"));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.code()).isEqualTo("idempotency_key_reused");
        assertThat(inBody.status()).isEqualTo(200);
        assertThat(inBody.text("id")).isEqualTo(first.text("id"));
        assertThat(api.get(WEBHOOKS, token).body().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void listPagesByOffsetAndByStartingAfter() {
        List<String> ids = List.of(createdId(), createdId(), createdId());

        ApiResponse first = api.get(WEBHOOKS + "?limit=2", token);
        assertThat(first.body().get("total").asLong()).isEqualTo(3);
        assertThat(first.body().get("limit").asInt()).isEqualTo(2);
        assertThat(first.body().get("items")).hasSize(2);
        assertThat(first.body().get("items").get(0).get("id").asString()).isEqualTo(ids.get(0));
        assertThat(first.body().get("items").get(1).get("id").asString()).isEqualTo(ids.get(1));

        ApiResponse next = api.get(WEBHOOKS + "?limit=2&starting_after=" + ids.get(1), token);
        assertThat(next.body().get("items")).hasSize(1);
        assertThat(next.body().get("items").get(0).get("id").asString()).isEqualTo(ids.get(2));

        ApiResponse offset = api.get(WEBHOOKS + "?limit=2&offset=2", token);
        assertThat(offset.body().get("items").get(0).get("id").asString()).isEqualTo(ids.get(2));

        assertThat(api.get(WEBHOOKS + "?starting_after=" + WebhookTestSupport.randomId(), token).status())
                .isEqualTo(400);
        assertThat(api.get(WEBHOOKS + "?limit=0", token).status()).isEqualTo(400);
        assertThat(api.get(WEBHOOKS + "?limit=201", token).status()).isEqualTo(400);
    }

    @Test
    void withoutTheWebhooksScopeEveryOperationIsForbidden() {
        String id = createdId();
        String reader = tokenFor(newPlatform(Set.of(Scopes.SETTLEMENTS_READ, Scopes.PLATFORM_READ)));

        List<ApiResponse> responses = List.of(api.get(WEBHOOKS, reader),
                api.post(WEBHOOKS, reader, "{\"url\": \"" + URL + "\"}"), api.get(WEBHOOKS + "/" + id, reader),
                api.patch(WEBHOOKS + "/" + id, reader, "{}"), delete(api, WEBHOOKS + "/" + id, reader),
                api.post(WEBHOOKS + "/" + id + "/rotate-secret", reader, ""),
                api.post(WEBHOOKS + "/" + id + "/test", reader, ""),
                api.get(WEBHOOKS + "/" + id + "/deliveries", reader),
                api.post(WEBHOOKS + "/" + id + "/replay", reader, "{}"));
        for (ApiResponse response : responses) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("insufficient_scope");
            assertThat(response.text("required_scope")).isEqualTo("platform:webhooks:manage");
        }
    }
}
