package xyz.keystoneos.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExceptionsTest {

    private static final String BODY = "{\"type\":\"https://docs.keystoneos.xyz/errors/validation_failed\","
            + "\"title\":\"Bad Request\",\"status\":400,\"detail\":\"name must be a string, not '42'\","
            + "\"code\":\"validation_failed\",\"errors\":[{\"field\":\"name\",\"message\":\"must be a string, not '42'\"}],"
            + "\"request_id\":\"req_5be859037ede4411bdab4d81a6682536\"}";

    private static ApiException of(int status) {
        return ApiException.of(status, "some_code", "Some title", "some detail", "{\"raw\":true}", "req_1",
                List.of(new FieldError("name", "must be a string")), Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @CsvSource({
        "400, xyz.keystoneos.sdk.ValidationException",
        "401, xyz.keystoneos.sdk.AuthenticationException",
        "403, xyz.keystoneos.sdk.ForbiddenException",
        "404, xyz.keystoneos.sdk.NotFoundException",
        "409, xyz.keystoneos.sdk.ConflictException",
        "422, xyz.keystoneos.sdk.ValidationException",
        "429, xyz.keystoneos.sdk.RateLimitException",
        "500, xyz.keystoneos.sdk.ServerException",
        "502, xyz.keystoneos.sdk.ServerException",
        "503, xyz.keystoneos.sdk.ServerException",
        "504, xyz.keystoneos.sdk.ServerException",
        "599, xyz.keystoneos.sdk.ServerException",
        "410, xyz.keystoneos.sdk.ApiException",
        "412, xyz.keystoneos.sdk.ApiException",
        "418, xyz.keystoneos.sdk.ApiException",
        "302, xyz.keystoneos.sdk.ApiException",
    })
    void mapsEachStatusToItsExceptionType(int status, String expectedType) {
        ApiException exception = of(status);
        assertThat(exception.getClass().getName()).isEqualTo(expectedType);
        assertThat(exception.statusCode()).isEqualTo(status);
        assertThat(exception).isInstanceOf(KeystoneException.class).isInstanceOf(RuntimeException.class);
    }

    @Test
    void keepsEveryPartOfTheServerAnswer() {
        ApiException exception = ApiException.of(400, "validation_failed", "Bad Request",
                "name must be a string, not '42'", BODY, "req_5be859037ede4411bdab4d81a6682536",
                List.of(new FieldError("name", "must be a string, not '42'")), null);

        assertThat(exception).isInstanceOf(ValidationException.class);
        assertThat(exception.code()).isEqualTo("validation_failed");
        assertThat(exception.message()).isEqualTo("Bad Request");
        assertThat(exception.detail()).isEqualTo("name must be a string, not '42'");
        assertThat(exception.responseBody()).isEqualTo(BODY);
        assertThat(exception.requestId()).isEqualTo("req_5be859037ede4411bdab4d81a6682536");
        assertThat(exception.fieldErrors()).containsExactly(new FieldError("name", "must be a string, not '42'"));
        assertThat(exception.getMessage()).isEqualTo("HTTP 400 validation_failed: name must be a string, not '42'"
                + " (request id req_5be859037ede4411bdab4d81a6682536)");
    }

    @Test
    void keepsAnUnparseableBodyVerbatim() {
        String html = "<html><body>502 Bad Gateway</body></html>";
        ApiException exception = ApiException.of(502, null, null, null, html, null, null, null);
        assertThat(exception).isInstanceOf(ServerException.class);
        assertThat(exception.responseBody()).isEqualTo(html);
        assertThat(exception.code()).isNull();
        assertThat(exception.fieldErrors()).isEmpty();
        assertThat(exception.getMessage()).isEqualTo("HTTP 502");
    }

    @Test
    void fallsBackToTheSummaryWhenThereIsNoDetail() {
        ApiException exception = ApiException.of(404, "settlement_not_found", "Not Found", null, "{}", null, null,
                null);
        assertThat(exception.getMessage()).isEqualTo("HTTP 404 settlement_not_found: Not Found");
    }

    @Test
    void rateLimitAndServerExceptionsKeepRetryAfter() {
        assertThat(((RateLimitException) of(429)).retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(((ServerException) of(503)).retryAfter()).isEqualTo(Duration.ofSeconds(7));
        RateLimitException withoutHeader = (RateLimitException) ApiException.of(429, "rate_limited", null, null,
                null, null, null, null);
        assertThat(withoutHeader.retryAfter()).isNull();
    }

    @Test
    void fieldErrorsAreAnImmutableCopyWithoutNulls() {
        List<FieldError> errors = new ArrayList<>(Arrays.asList(new FieldError("a", "x"), null));
        ApiException exception = ApiException.of(422, "c", null, null, null, null, errors, null);
        errors.add(new FieldError("b", "y"));
        assertThat(exception.fieldErrors()).containsExactly(new FieldError("a", "x"));
        assertThatThrownBy(() -> exception.fieldErrors().add(new FieldError("c", "z")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void fieldErrorReadsAsFieldColonMessage() {
        assertThat(new FieldError("legs[0].quantity", "must be positive")).hasToString(
                "legs[0].quantity: must be positive");
        assertThat(new FieldError(null, "bad")).hasToString("bad");
    }

    @Test
    void retryExhaustedReportsAttemptsAndLastStatus() {
        ApiException last = of(503);
        RetryExhaustedException exception = new RetryExhaustedException(4, 503, last);
        assertThat(exception).isInstanceOf(KeystoneException.class).isNotInstanceOf(ApiException.class);
        assertThat(exception.attempts()).isEqualTo(4);
        assertThat(exception.lastStatus()).isEqualTo(503);
        assertThat(exception.getCause()).isSameAs(last);
        assertThat(exception.getMessage()).isEqualTo("Request failed after 4 attempts (last status 503)");
    }

    @Test
    void retryExhaustedWithoutAResponseHasNoStatus() {
        IOException refused = new ConnectException("Connection refused");
        RetryExhaustedException exception = new RetryExhaustedException(1, null, refused);
        assertThat(exception.lastStatus()).isNull();
        assertThat(exception.getMessage()).startsWith("Request failed after 1 attempt (no response: ")
                .contains("Connection refused");
        assertThatThrownBy(() -> new RetryExhaustedException(0, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void webhookVerificationExceptionBelongsToTheHierarchy() {
        assertThat(new WebhookVerificationException("bad signature"))
                .isInstanceOf(KeystoneException.class)
                .hasMessage("bad signature");
    }
}
