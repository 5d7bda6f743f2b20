package xyz.keystoneos.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static xyz.keystoneos.sdk.Fixtures.SETTLEMENT_ID;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import xyz.keystoneos.sdk.StubServer.Reply;

class ErrorMappingTest {

    private static final String PATH = "/v1/settlements/" + SETTLEMENT_ID;

    @RegisterExtension
    final StubServer server = StubServer.start();
    private final KeystoneSyncClient client =
            server.closeWith(Fixtures.builder(server).retry(RetryConfig.none()).buildSync());

    @ParameterizedTest
    @CsvSource({
        "400, xyz.keystoneos.sdk.ValidationException",
        "401, xyz.keystoneos.sdk.AuthenticationException",
        "403, xyz.keystoneos.sdk.ForbiddenException",
        "404, xyz.keystoneos.sdk.NotFoundException",
        "409, xyz.keystoneos.sdk.ConflictException",
        "410, xyz.keystoneos.sdk.ApiException",
        "422, xyz.keystoneos.sdk.ValidationException",
        "429, xyz.keystoneos.sdk.RateLimitException",
        "500, xyz.keystoneos.sdk.ServerException",
        "503, xyz.keystoneos.sdk.ServerException"
    })
    void eachErrorStatusBecomesItsExceptionWithTheProblemMembers(int status, Class<?> type) {
        server.on("GET", PATH, Reply.problem(status, "some_code", "what happened"));

        assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                .isExactlyInstanceOf(type)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(e.code()).isEqualTo("some_code");
                    assertThat(e.detail()).isEqualTo("what happened");
                    assertThat(e.message()).isEqualTo("T");
                    assertThat(e.requestId()).isEqualTo("req_some_code");
                    assertThat(e.responseBody()).contains("\"code\":\"some_code\"");
                    assertThat(e.getMessage()).contains(String.valueOf(status)).contains("some_code")
                            .contains("what happened").contains("req_some_code");
                });
    }

    @Test
    void fieldErrorsOfAValidationProblemAreKept() {
        server.on("POST", "/v1/sandbox/faucet", Reply.json(400, "{\"title\":\"Bad Request\",\"status\":400,"
                + "\"code\":\"validation_failed\",\"detail\":\"2 fields\",\"errors\":["
                + "{\"field\":\"wallet_address\",\"message\":\"must be 0x + 40 hex digits\"},"
                + "{\"field\":\"quantity\",\"message\":\"is required\"}],\"request_id\":\"req_v\"}"));

        assertThatThrownBy(() -> client.sandbox().faucet("0xnope", "TUSDC", java.math.BigDecimal.ONE))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).containsExactly(
                        new FieldError("wallet_address", "must be 0x + 40 hex digits"),
                        new FieldError("quantity", "is required")));
    }

    @Test
    void requestIdFallsBackToTheHeaderAndANonJsonBodyIsKeptVerbatim() {
        server.on("GET", PATH, new Reply(502, "<html>Bad gateway</html>",
                Map.of("Content-Type", "text/html", "X-Request-Id", "req_from_header"), Duration.ZERO));

        assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(e.requestId()).isEqualTo("req_from_header");
                    assertThat(e.responseBody()).isEqualTo("<html>Bad gateway</html>");
                    assertThat(e.code()).isNull();
                });
    }

    @Test
    void rateLimitExceptionCarriesRetryAfter() {
        server.on("GET", PATH, Reply.problem(429, "rate_limited", "600 per minute").withHeader("Retry-After", "17"));

        assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17)));
    }

    @Test
    void aSuccessBodyThatIsNotJsonIsReportedNotSwallowed() {
        server.on("GET", PATH, Reply.json(200, "not json"));

        assertThatThrownBy(() -> client.settlements().get(SETTLEMENT_ID))
                .isExactlyInstanceOf(KeystoneException.class)
                .hasMessageContaining("Could not read the answer");
    }
}
