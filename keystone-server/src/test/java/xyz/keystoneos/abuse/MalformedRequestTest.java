package xyz.keystoneos.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.SettlementFlows;

/** The 500s the fuzzer ({@link FuzzingTest}) found, each now a 4xx problem. */
class MalformedRequestTest extends IntegrationTest {

    @Test
    void aQueryParameterWithoutANameIsA400() {
        ApiResponse answer = api.get("/v1/instructions?=1", tokenFor(newPlatform()));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("validation_failed");
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aWildcardContentTypeIsA415() {
        String token = tokenFor(newPlatform());
        for (String type : new String[] {"*/*", "application/*"}) {
            ApiResponse answer = api.send(HttpRequest.newBuilder(api.uri("/v1/sessions"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(answer.status()).as(type + " " + answer).isEqualTo(415);
            assertThat(answer.code()).isEqualTo("unsupported_media_type");
        }
    }

    @Test
    void aBlankPathIdIsA404() {
        ApiResponse answer = api.get("/v1/settlements/%20", tokenFor(newPlatform()));
        assertThat(answer.status()).as(answer.toString()).isIn(400, 404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aNulCharacterInStoredTextIsA400NotA500() {
        String seller = tokenFor(newPlatform());
        String buyer = tokenFor(newPlatform());
        String reference = "NUL-" + System.nanoTime();
        ApiResponse first = api.post("/v1/instructions", seller, SettlementFlows.sellerInstruction("k1-" + reference,
                reference, "Sel\u0000ler", SettlementFlows.SELLER_WALLET, "dvp-standard"));
        ApiResponse second = api.post("/v1/instructions", buyer, SettlementFlows.buyerInstruction("k2-" + reference,
                reference, "Buyer", SettlementFlows.BUYER_WALLET, "dvp-standard"));
        for (ApiResponse answer : new ApiResponse[] {first, second}) {
            assertThat(answer.status()).as(answer.toString()).isLessThan(500);
            assertThat(answer.rawBody()).doesNotContain("PSQL", "SQL", "Exception");
        }
    }

    @Test
    void aTimeOutsideYears1To9999IsA400() {
        String token = tokenFor(newPlatform());
        for (String path : new String[] {"/v1/settlements?created_after=%2B999999999-12-31T23:59:59Z",
                "/v1/settlements?created_before=-999999999-01-01T00:00:00Z"}) {
            ApiResponse answer = api.get(path, token);
            assertThat(answer.status()).as(path + " " + answer).isEqualTo(400);
            assertThat(answer.code()).isEqualTo("timestamp_out_of_range");
        }
    }

    @Test
    void templateAndExternalReferenceFiltersCombine() {
        ApiResponse answer = api.get("/v1/settlements?template_slug=dvp-standard&external_reference=REF-1",
                tokenFor(newPlatform()));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().get("total").asInt()).isZero();
    }

    @Test
    void aNullScopeIsAFieldErrorNotA500() {
        var platform = newPlatform();
        String token = tokenFor(platform);
        ApiResponse session = api.post("/v1/sessions", token, "{\"scopes\": [null]}");
        ApiResponse client = api.post("/v1/platforms/me/environments/" + platform.environmentId() + "/clients", token,
                "{\"name\": \"x\", \"scopes\": [null]}");

        assertThat(session.status()).as(session.toString()).isEqualTo(400);
        assertThat(client.status()).as(client.toString()).isEqualTo(400);
        assertThat(client.body().get("errors").get(0).get("field").asString()).isEqualTo("scopes");
    }

    @Test
    void aFormBodyWithHostileParameterNamesIsA400() {
        ApiResponse answer = api.send(HttpRequest.newBuilder(api.uri("/v1/settlements"))
                .header("Authorization", "Bearer " + tokenFor(newPlatform()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\u0001\": 1}=x")));

        assertThat(answer.status()).as(answer.toString()).isBetween(400, 415);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    /** An encoded slash is refused by Tomcat itself, before Spring runs: still a problem document with an id. */
    @Test
    void anEncodedSlashInThePathIsA400Problem() {
        for (String path : new String[] {"/v1/settlements/a%2Fb", "/v1/settlements/a%2F..%2Fb"}) {
            ApiResponse answer = api.get(path, tokenFor(newPlatform()));

            assertThat(answer.status()).as(path + " " + answer).isEqualTo(400);
            assertProblem(answer, "bad_request");
        }
    }

    @Test
    void traceIsA405ProblemWithAllow() {
        ApiResponse answer = api.send(HttpRequest.newBuilder(api.uri("/v1/ping"))
                .method("TRACE", HttpRequest.BodyPublishers.noBody()));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(405);
        assertProblem(answer, "method_not_allowed");
        assertThat(answer.header("Allow")).isNotBlank().doesNotContain("TRACE");
    }

    @Test
    void anUnknownMethodIsAProblem() {
        String token = tokenFor(newPlatform());
        for (String method : new String[] {"PROPFIND", "FOO"}) {
            ApiResponse answer = api.send(HttpRequest.newBuilder(api.uri("/v1/ping"))
                    .header("Authorization", "Bearer " + token)
                    .method(method, HttpRequest.BodyPublishers.noBody()));

            assertThat(answer.status()).as(method + " " + answer).isIn(400, 405);
            assertProblem(answer, answer.status() == 405 ? "method_not_allowed" : "request_rejected");
        }
    }

    @Test
    void theErrorPageAskedForDirectlyIsA404() {
        ApiResponse answer = api.get("/error", null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        assertProblem(answer, "not_found");
    }

    private static void assertProblem(ApiResponse answer, String code) {
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.text("request_id")).isNotBlank().isEqualTo(answer.header("X-Request-Id"));
    }
}
