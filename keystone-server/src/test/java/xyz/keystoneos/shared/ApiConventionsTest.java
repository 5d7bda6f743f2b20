package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.identity.ClientCredentials;
import xyz.keystoneos.shared.web.Quantity;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TemplateJson;

/** SPEC §4 conventions over real HTTP: problem+json errors, request ids, pagination bounds, strict JSON. */
class ApiConventionsTest extends IntegrationTest {

    private static final String TEMPLATES = "/v1/settlement-templates";

    @Autowired
    JsonMapper jsonMapper;

    private String operatorToken;

    @BeforeEach
    void operator() {
        ClientCredentials operator = newOperatorClient();
        operatorToken = api.token(operator.clientId(), operator.clientSecret());
    }

    private static void assertProblem(ApiResponse response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.text("type")).endsWith("/" + code);
        assertThat(response.text("title")).isNotBlank();
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.text("detail")).isNotBlank();
        assertThat(response.text("request_id")).isEqualTo(response.header("X-Request-Id"));
    }

    @Test
    void everyResponseHasARequestIdAndASuppliedOneIsEchoed() {
        ApiResponse generated = api.get("/v1/ping", operatorToken);
        ApiResponse supplied = api.send(HttpRequest.newBuilder(api.uri("/v1/ping"))
                .header("Authorization", "Bearer " + operatorToken).header("X-Request-Id", "my-trace-123").GET());
        ApiResponse hostile = api.send(HttpRequest.newBuilder(api.uri("/v1/ping"))
                .header("Authorization", "Bearer " + operatorToken).header("X-Request-Id", "<script>").GET());

        assertThat(generated.header("X-Request-Id")).startsWith("req_");
        assertThat(supplied.header("X-Request-Id")).isEqualTo("my-trace-123");
        assertThat(hostile.header("X-Request-Id")).startsWith("req_");
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(api.post(TEMPLATES, operatorToken, "{\"slug\": "), 400, "malformed_json");
    }

    @Test
    void duplicateKeysAreMalformed() {
        ApiResponse response = api.post(TEMPLATES, operatorToken, "{\"slug\": \"a-b\", \"slug\": \"c-d\"}");

        assertProblem(response, 400, "malformed_json");
        assertThat(response.text("detail")).contains("slug");
    }

    @Test
    void missingBodyIsABadRequest() {
        assertProblem(api.post(TEMPLATES, operatorToken, ""), 400, "missing_body");
    }

    @Test
    void unknownFieldIsRefusedByName() {
        ApiResponse response = api.post(TEMPLATES, operatorToken,
                "{\"slug\": \"a-b\", \"name\": \"x\", \"colour\": \"red\"}");

        assertProblem(response, 400, "validation_failed");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("colour");
    }

    @Test
    void wrongTypeIsRefusedByName() {
        ApiResponse response = api.post(TEMPLATES, operatorToken, "{\"slug\": \"a-b\", \"name\": 42}");

        assertProblem(response, 400, "validation_failed");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(response.body().get("errors").get(0).get("message").asString()).contains("string");
    }

    @Test
    void unknownEnumValueIsRefusedWithTheAcceptedValues() {
        String config = TemplateJson.STANDARD_CONFIG.replace("\"compliance\",", "\"telepathy\",");
        ApiResponse response = api.post(TEMPLATES, operatorToken,
                "{\"slug\": \"a-b\", \"name\": \"x\", \"config\": " + config + "}");

        assertProblem(response, 400, "validation_failed");
        assertThat(response.body().get("errors").get(0).get("field").asString())
                .isEqualTo("config.gates.COMPLIANCE_CLEARED");
        assertThat(response.text("detail")).contains("telepathy").contains("compliance").contains("all_deposits");
    }

    @Test
    void bodyThatIsNoObjectIsRefused() {
        ApiResponse response = api.post(TEMPLATES, operatorToken, "[1, 2]");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isIn("invalid_body", "validation_failed");
    }

    @Test
    void oversizedBodyIsRefusedBeforeItIsRead() {
        String huge = "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        assertProblem(api.post(TEMPLATES, operatorToken, huge), 413, "payload_too_large");
    }

    @Test
    void oversizedChunkedBodyIsRefusedWhileReading() {
        byte[] huge = ("{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes();
        ApiResponse response = api.send(HttpRequest.newBuilder(api.uri(TEMPLATES))
                .header("Authorization", "Bearer " + operatorToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));

        assertProblem(response, 413, "payload_too_large");
    }

    @Test
    void oversizedHeadersAreRefusedWith431EvenWhileABodyIsStillBeingSent() {
        String body = "{\"name\": \"" + "x".repeat(900_000) + "\"}";
        for (int i = 0; i < 20; i++) {
            ApiResponse response = api.send(HttpRequest.newBuilder(api.uri(TEMPLATES))
                    .header("Authorization", "Bearer " + operatorToken)
                    .header("Content-Type", "application/json")
                    .header("X-Padding", "k".repeat(20_000))
                    .POST(HttpRequest.BodyPublishers.ofString(body)));

            assertProblem(response, 431, "request_header_too_large");
        }
    }

    @Test
    void oversizedRequestLineIsRefusedWith431() {
        ApiResponse response = api.get("/v1/instructions?state=" + "x".repeat(17_000), operatorToken);

        assertProblem(response, 431, "request_header_too_large");
    }

    @Test
    void headersOverTheConnectorsDefaultButUnderTheLimitAreServed() {
        ApiResponse response = api.send(HttpRequest.newBuilder(api.uri("/v1/ping"))
                .header("Authorization", "Bearer " + operatorToken)
                .header("X-Padding", "k".repeat(12_000)).GET());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        ApiResponse response = api.send(HttpRequest.newBuilder(api.uri(TEMPLATES))
                .header("Authorization", "Bearer " + operatorToken)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));

        assertProblem(response, 415, "unsupported_media_type");
    }

    @Test
    void pageBoundsAreCheckedAndNamed() {
        ApiResponse zero = api.get(TEMPLATES + "?limit=0", operatorToken);
        ApiResponse tooMany = api.get(TEMPLATES + "?limit=201", operatorToken);
        ApiResponse negative = api.get(TEMPLATES + "?offset=-1", operatorToken);
        ApiResponse notANumber = api.get(TEMPLATES + "?limit=lots", operatorToken);

        for (ApiResponse response : new ApiResponse[] {zero, tooMany, notANumber}) {
            assertProblem(response, 400, "validation_failed");
            assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        }
        assertProblem(negative, 400, "validation_failed");
        assertThat(negative.body().get("errors").get(0).get("field").asString()).isEqualTo("offset");
    }

    @Test
    void unknownPathIsNotFound() {
        assertProblem(api.get("/v1/does-not-exist", operatorToken), 404, "not_found");
    }

    @Test
    void wrongMethodIsNotAllowed() {
        ApiResponse response = api.send(HttpRequest.newBuilder(api.uri(TEMPLATES))
                .header("Authorization", "Bearer " + operatorToken).DELETE());

        assertProblem(response, 405, "method_not_allowed");
        assertThat(response.header("Allow")).contains("GET");
    }

    record Amount(Quantity quantity) {
    }

    record Count(int count) {
    }

    @Test
    void quantitiesAreDecimalStringsNeverNumbers() {
        assertThat(jsonMapper.readValue("{\"quantity\": \"1000000.25\"}", Amount.class).quantity())
                .isEqualTo(Quantity.parse("1000000.25"));
        assertThatThrownBy(() -> jsonMapper.readValue("{\"quantity\": 1000000.25}", Amount.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> jsonMapper.readValue("{\"quantity\": \"-5\"}", Amount.class))
                .isInstanceOf(JacksonException.class);
        assertThat(jsonMapper.writeValueAsString(new Amount(Quantity.parse("12.50")))).contains("\"12.5\"");
    }

    @Test
    void scalarsAreNotCoerced() {
        assertThatThrownBy(() -> jsonMapper.readValue("{\"count\": \"5\"}", Count.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> jsonMapper.readValue("{\"count\": 5.5}", Count.class))
                .isInstanceOf(JacksonException.class);
        assertThat(jsonMapper.readValue("{\"count\": 5}", Count.class).count()).isEqualTo(5);
    }
}
