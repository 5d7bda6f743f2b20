package xyz.keystoneos.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import xyz.keystoneos.sdk.model.CreateEnvironmentRequest;
import xyz.keystoneos.sdk.model.CreateSessionRequest;
import xyz.keystoneos.sdk.model.CreateSettlementRequest;
import xyz.keystoneos.sdk.model.CreateWebhookRequest;
import xyz.keystoneos.sdk.model.Direction;
import xyz.keystoneos.sdk.model.EnvironmentKind;
import xyz.keystoneos.sdk.model.InstructionLeg;
import xyz.keystoneos.sdk.model.InstructionParty;
import xyz.keystoneos.sdk.model.LegInput;
import xyz.keystoneos.sdk.model.PageParams;
import xyz.keystoneos.sdk.model.SettlementListParams;
import xyz.keystoneos.sdk.model.SettlementState;
import xyz.keystoneos.sdk.model.SubmitInstructionRequest;
import xyz.keystoneos.sdk.model.UpdateWebhookRequest;

class ArgumentValidationTest {

    @RegisterExtension
    final StubServer server = StubServer.start();
    private final KeystoneSyncClient client = Fixtures.syncClient(server);

    @Test
    void missingOrBlankCredentialsAreRefusedByTheBuilder() {
        assertThatThrownBy(() -> KeystoneClient.builder().clientSecret("s").build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("clientId");
        assertThatThrownBy(() -> KeystoneClient.builder().clientId("c").clientSecret("  ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientSecret");
        assertThatThrownBy(() -> KeystoneClient.builder().clientId("c").clientSecret("s").baseUrl("ftp://x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> KeystoneClient.builder().clientId("c").clientSecret("s").timeout(Duration.ZERO)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> KeystoneClient.builder().clientId("c").clientSecret("s").retry(null).build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("retry");
    }

    @Test
    void nullAndBlankIdsAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client.settlements().get(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> client.settlements().events(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.instructions().cancel(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> client.templates().get("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.webhooks().retryDelivery("w1", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("deliveryId");
        assertThatThrownBy(() -> client.environments().deactivate(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> client.sessions().revoke("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.compliance().reject(null, "no")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> client.sandbox().deposit("s1", -1, "0xs"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void pageLimitsOutsideOneToTwoHundredAreRefused() {
        assertThatThrownBy(() -> PageParams.limit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be between 1 and 200");
        assertThatThrownBy(() -> PageParams.limit(201)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PageParams.of(10, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> new PageParams(10, 5, "s1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettlementListParams.builder().limit(500).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettlementListParams.builder().state(SettlementState.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PageParams.limit(200).limit()).isEqualTo(200);
    }

    @Test
    void requestBuildersRefuseIncompleteOrInvalidRequests() {
        assertThatThrownBy(() -> CreateSettlementRequest.builder().timeoutAt(Instant.now()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("templateSlug");
        assertThatThrownBy(() -> LegInput.builder().instrumentId("BOND").quantity("-5").partyRole("seller").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity");
        assertThatThrownBy(() -> LegInput.builder().instrumentId("BOND").quantity("1,5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decimal");
        assertThatThrownBy(() -> InstructionLeg.of("BOND", "0", Direction.DELIVER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InstructionParty.of("REF", "n", " ", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("walletAddress");
        assertThatThrownBy(() -> SubmitInstructionRequest.builder().templateSlug("dvp-standard").role("seller")
                .party(InstructionParty.of("REF", "n", "0x11", 1)).timeoutAt(Instant.now()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("legs");
        assertThatThrownBy(() -> SubmitInstructionRequest.builder().idempotencyKey("").templateSlug("t").role("r")
                .party(InstructionParty.of("REF", "n", "0x11", 1)).leg(InstructionLeg.of("B", "1", Direction.DELIVER))
                .timeoutAt(Instant.now()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idempotencyKey");
        assertThatThrownBy(() -> CreateWebhookRequest.builder().build()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("url");
        assertThatThrownBy(() -> UpdateWebhookRequest.builder().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreateEnvironmentRequest.builder().name("n").slug("s").kind(EnvironmentKind.SANDBOX)
                .defaultTimeoutSeconds(59).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defaultTimeoutSeconds");
        assertThatThrownBy(() -> CreateSessionRequest.builder().expiresInSeconds(86_401).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiresInSeconds");
        assertThatThrownBy(() -> client.sandbox().faucet("0x11", "TUSDC", BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quantity");
        assertThatThrownBy(() -> client.compliance().approve("s1", "x".repeat(2001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2000");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void idempotencyKeysAreUuidsOptionallyPrefixed() {
        assertThat(client.generateIdempotencyKey()).matches("[0-9a-f-]{36}");
        assertThat(client.generateIdempotencyKey("my-prefix")).startsWith("my-prefix-").hasSize(46);
        assertThatThrownBy(() -> client.generateIdempotencyKey(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
