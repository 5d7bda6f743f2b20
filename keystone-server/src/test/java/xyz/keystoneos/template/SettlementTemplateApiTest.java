package xyz.keystoneos.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TemplateJson;

class SettlementTemplateApiTest extends IntegrationTest {

    private String platformToken;
    private String operatorToken;

    @BeforeEach
    void tokens() {
        platformToken = tokenFor(newPlatform());
        ClientCredentials operator = newOperatorClient();
        operatorToken = api.token(operator.clientId(), operator.clientSecret());
    }

    private static String uniqueSlug() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void platformsSeeTheFourSeededTemplates() {
        ApiResponse page = api.get("/v1/settlement-templates?limit=200", platformToken);

        assertThat(page.status()).isEqualTo(200);
        List<String> slugs = new ArrayList<>();
        page.body().get("items").forEach(item -> slugs.add(item.get("slug").asString()));
        assertThat(slugs).contains("dvp-standard", "cross_platform_dvp", "fop-standard", "repo-standard");
        assertThat(page.body().get("total").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(page.body().get("limit").asInt()).isEqualTo(200);
        assertThat(page.body().get("offset").asInt()).isZero();
    }

    @Test
    void templateIsFoundBySlugAndById() {
        ApiResponse bySlug = api.get("/v1/settlement-templates/dvp-standard", platformToken);
        ApiResponse byId = api.get("/v1/settlement-templates/" + bySlug.text("id"), platformToken);

        assertThat(bySlug.status()).isEqualTo(200);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.text("slug")).isEqualTo("dvp-standard");
        assertThat(bySlug.body().get("config").get("initial_state").asString()).isEqualTo("INSTRUCTED");
        assertThat(bySlug.body().get("config").get("gates").get("EXECUTING_SWAP").asString())
                .isEqualTo("all_deposits");
        assertThat(bySlug.body().get("version").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void unknownTemplateIsNotFound() {
        ApiResponse response = api.get("/v1/settlement-templates/no-such-template", platformToken);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("template_not_found");
        assertThat(response.text("detail")).contains("no-such-template");
    }

    @Test
    void pagesWalkTheWholeListWithOffsetAndWithCursor() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/v1/settlement-templates", operatorToken,
                    TemplateJson.create(uniqueSlug(), "Paged " + i)).status()).isEqualTo(201);
        }
        long total = api.get("/v1/settlement-templates?limit=1", platformToken).body().get("total").asLong();

        List<String> byOffset = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 2) {
            api.get("/v1/settlement-templates?limit=2&offset=" + offset, platformToken).body().get("items")
                    .forEach(item -> byOffset.add(item.get("id").asString()));
        }
        List<String> byCursor = new ArrayList<>();
        String after = null;
        while (true) {
            ApiResponse page = api.get("/v1/settlement-templates?limit=2"
                    + (after == null ? "" : "&starting_after=" + after), platformToken);
            if (page.body().get("items").isEmpty()) {
                break;
            }
            page.body().get("items").forEach(item -> byCursor.add(item.get("id").asString()));
            after = byCursor.getLast();
        }

        assertThat(byOffset).hasSize((int) total).doesNotHaveDuplicates();
        assertThat(byCursor).isEqualTo(byOffset);
    }

    @Test
    void platformClientCannotCreateTemplates() {
        ApiResponse response = api.post("/v1/settlement-templates", platformToken,
                TemplateJson.create(uniqueSlug(), "Nope"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text("required_scope")).isEqualTo("templates:write");
    }

    @Test
    void operatorCreatesAndVersionsATemplate() {
        String slug = uniqueSlug();
        ApiResponse created = api.post("/v1/settlement-templates", operatorToken, TemplateJson.create(slug, "Mine"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("version").asInt()).isEqualTo(1);
        assertThat(created.body().get("is_active").asBoolean()).isTrue();

        ApiResponse renamed = api.patch("/v1/settlement-templates/" + slug, operatorToken, "{\"name\": \"Mine v2\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().get("version").asInt()).isEqualTo(2);

        ApiResponse deactivated = api.patch("/v1/settlement-templates/" + slug, operatorToken,
                "{\"is_active\": false}");
        assertThat(deactivated.body().get("version").asInt()).isEqualTo(2);
        assertThat(deactivated.body().get("is_active").asBoolean()).isFalse();
    }

    @Test
    void duplicateSlugIsAConflict() {
        String slug = uniqueSlug();
        api.post("/v1/settlement-templates", operatorToken, TemplateJson.create(slug, "First"));

        ApiResponse second = api.post("/v1/settlement-templates", operatorToken, TemplateJson.create(slug, "Second"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("template_slug_taken");
    }

    @Test
    void unreachableStateMakesTheTemplateUnprocessable() {
        String config = TemplateJson.STANDARD_CONFIG.replace("\"TIMED_OUT\"]\n", "\"TIMED_OUT\", \"LIMBO\"]\n")
                .replace("\"states\": [\"INSTRUCTED\"", "\"states\": [\"LIMBO\", \"INSTRUCTED\"");
        ApiResponse response = api.post("/v1/settlement-templates", operatorToken,
                "{\"slug\": \"" + uniqueSlug() + "\", \"name\": \"Broken\", \"config\": " + config + "}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.code()).isEqualTo("invalid_template");
        assertThat(response.body().get("errors").toString()).contains("LIMBO");
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        ApiResponse response = api.post("/v1/settlement-templates", operatorToken, "{\"slug\": \"ok-slug\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("validation_failed");
        assertThat(response.body().get("errors").toString()).contains("\"name\"").contains("\"config\"");
    }

    // Idempotency: the four cases of SPEC §4, over HTTP.

    @Test
    void idempotentCreateAnswers201ThenReplays200() {
        String key = UUID.randomUUID().toString();
        String body = TemplateJson.createWithKey(key, uniqueSlug(), "Idempotent");

        ApiResponse first = api.post("/v1/settlement-templates", operatorToken, body);
        ApiResponse replay = api.post("/v1/settlement-templates", operatorToken, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.text("id")).isEqualTo(first.text("id"));
    }

    @Test
    void idempotencyKeyInTheHeaderWorksLikeTheBodyField() {
        String key = UUID.randomUUID().toString();
        String body = TemplateJson.create(uniqueSlug(), "Header key");

        ApiResponse first = api.post("/v1/settlement-templates", operatorToken, body, "Idempotency-Key", key);
        ApiResponse replay = api.post("/v1/settlement-templates", operatorToken, body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.text("id")).isEqualTo(first.text("id"));
    }

    @Test
    void sameKeyWithADifferentBodyIsUnprocessable() {
        String key = UUID.randomUUID().toString();
        api.post("/v1/settlement-templates", operatorToken, TemplateJson.createWithKey(key, uniqueSlug(), "One"));

        ApiResponse reused = api.post("/v1/settlement-templates", operatorToken,
                TemplateJson.createWithKey(key, uniqueSlug(), "Another"));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void concurrentRequestsWithOneKeyCreateExactlyOneTemplate() throws Exception {
        String key = UUID.randomUUID().toString();
        String slug = uniqueSlug();
        String body = TemplateJson.createWithKey(key, slug, "Raced");
        List<Callable<ApiResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(() -> api.post("/v1/settlement-templates", operatorToken, body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<ApiResponse> responses = new ArrayList<>();
        for (Future<ApiResponse> future : pool.invokeAll(calls)) {
            responses.add(future.get());
        }
        pool.shutdown();

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 200, 409));
        assertThat(responses).filteredOn(r -> r.status() == 409)
                .allSatisfy(r -> assertThat(r.code()).isEqualTo("idempotency_key_in_use"));
        String id = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().text("id");
        assertThat(responses).filteredOn(r -> r.status() == 200).allSatisfy(r -> assertThat(r.text("id")).isEqualTo(id));
        assertThat(api.get("/v1/settlement-templates/" + slug, platformToken).text("id")).isEqualTo(id);
    }
}
