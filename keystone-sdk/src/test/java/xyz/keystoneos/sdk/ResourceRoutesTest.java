package xyz.keystoneos.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import xyz.keystoneos.sdk.StubServer.Recorded;
import xyz.keystoneos.sdk.StubServer.Reply;
import xyz.keystoneos.sdk.model.CreateEnvironmentRequest;
import xyz.keystoneos.sdk.model.CreateSessionRequest;
import xyz.keystoneos.sdk.model.CreateWebhookRequest;
import xyz.keystoneos.sdk.model.DeliveryListParams;
import xyz.keystoneos.sdk.model.DeliveryStatus;
import xyz.keystoneos.sdk.model.EnvironmentKind;
import xyz.keystoneos.sdk.model.InstructionListParams;
import xyz.keystoneos.sdk.model.InstructionStatus;
import xyz.keystoneos.sdk.model.PageParams;
import xyz.keystoneos.sdk.model.SettlementListParams;
import xyz.keystoneos.sdk.model.SettlementType;
import xyz.keystoneos.sdk.model.UpdateEnvironmentRequest;
import xyz.keystoneos.sdk.model.UpdateWebhookRequest;

/** Each resource method calls the documented method, path, query and body. */
class ResourceRoutesTest {

    private static final String ANY = "{\"id\":\"x\",\"items\":[],\"total\":0,\"limit\":50,\"offset\":0}";

    @RegisterExtension
    final StubServer server = StubServer.start();
    private final KeystoneSyncClient client = Fixtures.syncClient(server);

    private Recorded call(String method, String path, Runnable action) {
        server.on(method, path, method.equals("DELETE") ? new Reply(204, null, Map.of(), java.time.Duration.ZERO)
                : Reply.json(200, ANY));
        int before = server.apiRequests().size();
        action.run();
        assertThat(server.apiRequests()).hasSize(before + 1);
        Recorded recorded = server.apiRequests().get(before);
        assertThat(recorded.method()).isEqualTo(method);
        return recorded;
    }

    @Test
    void settlementInstructionAndTemplateRoutes() {
        assertThat(call("GET", "/v1/settlements", () -> client.settlements().list(SettlementListParams.builder()
                .state("FINALIZED").state("ROLLED_BACK").settlementType(SettlementType.SINGLE_PLATFORM)
                .externalReference("ref 1").templateSlug("dvp-standard")
                .createdAfter(Instant.parse("2026-01-01T00:00:00Z")).limit(20).offset(40).build())).uri())
                .isEqualTo("/v1/settlements?state=FINALIZED&state=ROLLED_BACK&settlement_type=single_platform"
                        + "&external_reference=ref%201&template_slug=dvp-standard"
                        + "&created_after=2026-01-01T00%3A00%3A00Z&limit=20&offset=40");
        assertThat(call("GET", "/v1/settlements/s1/events", () -> client.settlements().events("s1")).uri())
                .isEqualTo("/v1/settlements/s1/events");
        call("GET", "/v1/settlements/s1/evidence", () -> client.settlements().evidence("s1"));
        assertThat(call("POST", "/v1/settlements/s1/compliance-decision",
                () -> client.compliance().approve("s1")).body()).isEqualTo("{\"decision\":\"approve\"}");
        assertThat(call("POST", "/v1/settlements/s1/compliance-decision",
                () -> client.compliance().reject("s1", "sanctions hit")).body())
                .isEqualTo("{\"decision\":\"reject\",\"reason\":\"sanctions hit\"}");

        assertThat(call("GET", "/v1/instructions", () -> client.instructions().list(InstructionListParams.builder()
                .status(InstructionStatus.PENDING_MATCH).tradeReference("KS-1").build())).uri())
                .isEqualTo("/v1/instructions?status=pending_match&trade_reference=KS-1");
        call("GET", "/v1/instructions/i1", () -> client.instructions().get("i1"));
        assertThat(call("POST", "/v1/instructions/i1/cancel", () -> client.instructions().cancel("i1"))
                .header("Idempotency-Key")).isNull();

        assertThat(call("GET", "/v1/settlement-templates", () -> client.templates().list(true, PageParams.limit(5)))
                .uri()).isEqualTo("/v1/settlement-templates?is_active=true&limit=5");
        call("GET", "/v1/settlement-templates/dvp-standard", () -> client.templates().get("dvp-standard"));
    }

    @Test
    void webhookRoutes() {
        Recorded created = call("POST", "/v1/platforms/me/webhooks", () -> client.webhooks().create(
                CreateWebhookRequest.builder().url("https://example.com/hook").event("settlement.*").build()));
        assertThat(created.body()).contains("\"url\":\"https://example.com/hook\"")
                .contains("\"events\":[\"settlement.*\"]");
        assertThat(created.header("Idempotency-Key")).isNotBlank();
        call("GET", "/v1/platforms/me/webhooks", () -> client.webhooks().list());
        call("GET", "/v1/platforms/me/webhooks/w1", () -> client.webhooks().get("w1"));
        assertThat(call("PATCH", "/v1/platforms/me/webhooks/w1", () -> client.webhooks().update("w1",
                UpdateWebhookRequest.builder().isActive(true).build())).body()).isEqualTo("{\"is_active\":true}");
        call("DELETE", "/v1/platforms/me/webhooks/w1", () -> client.webhooks().delete("w1"));
        call("POST", "/v1/platforms/me/webhooks/w1/test", () -> client.webhooks().test("w1"));
        call("POST", "/v1/platforms/me/webhooks/w1/rotate-secret", () -> client.webhooks().rotateSecret("w1"));
        assertThat(call("GET", "/v1/platforms/me/webhooks/w1/deliveries", () -> client.webhooks().deliveries("w1",
                new DeliveryListParams(DeliveryStatus.FAILED, "test.ping", PageParams.limit(3)))).uri())
                .isEqualTo("/v1/platforms/me/webhooks/w1/deliveries?status=failed&event=test.ping&limit=3");
        call("POST", "/v1/platforms/me/webhooks/w1/deliveries/d1/retry",
                () -> client.webhooks().retryDelivery("w1", "d1"));
        assertThat(call("POST", "/v1/platforms/me/webhooks/w1/replay", () -> client.webhooks().replay("w1",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"))).body())
                .isEqualTo("{\"since\":\"2026-01-01T00:00:00Z\",\"until\":\"2026-01-02T00:00:00Z\"}");
    }

    @Test
    void environmentSessionAndSandboxRoutes() {
        assertThat(call("POST", "/v1/platforms/me/environments", () -> client.environments().create(
                CreateEnvironmentRequest.builder().name("Staging").slug("staging").kind(EnvironmentKind.SANDBOX)
                        .rateLimitRpm(100).build())).body())
                .contains("\"name\":\"Staging\"").contains("\"kind\":\"sandbox\"").contains("\"rate_limit_rpm\":100");
        call("GET", "/v1/platforms/me/environments", () -> client.environments().list());
        call("GET", "/v1/platforms/me/environments/e1", () -> client.environments().get("e1"));
        assertThat(call("PATCH", "/v1/platforms/me/environments/e1", () -> client.environments().update("e1",
                UpdateEnvironmentRequest.builder().name("Renamed").build())).body()).isEqualTo("{\"name\":\"Renamed\"}");
        call("POST", "/v1/platforms/me/environments/e1/deactivate", () -> client.environments().deactivate("e1"));
        call("POST", "/v1/platforms/me/environments/e1/reactivate", () -> client.environments().reactivate("e1"));

        assertThat(call("POST", "/v1/sessions", () -> client.sessions().create(CreateSessionRequest.builder()
                .scope("instructions:read").expiresInSeconds(600).settlementId("s1").build())).body())
                .isEqualTo("{\"scopes\":[\"instructions:read\"],\"expires_in_seconds\":600,\"settlement_ids\":[\"s1\"]}");
        call("GET", "/v1/sessions/x1", () -> client.sessions().get("x1"));
        call("GET", "/v1/sessions", () -> client.sessions().list());
        call("DELETE", "/v1/sessions/x1", () -> client.sessions().revoke("x1"));

        assertThat(call("POST", "/v1/sandbox/faucet", () -> client.sandbox().faucet("0x11", "TUSDC",
                new BigDecimal("100.5"))).body()).isEqualTo("{\"wallet_address\":\"0x11\",\"instrument_id\":\"TUSDC\","
                + "\"quantity\":\"100.5\",\"chain_id\":11155111}");
        assertThat(call("POST", "/v1/sandbox/settlements/s1/legs/1/deposit",
                () -> client.sandbox().deposit("s1", 1, "0xsecret")).body())
                .isEqualTo("{\"deposit_secret\":\"0xsecret\"}");
        assertThat(call("GET", "/v1/sandbox/balances", () -> client.sandbox().balance("0x11", "TUSDC")).uri())
                .isEqualTo("/v1/sandbox/balances?wallet_address=0x11&instrument_id=TUSDC&chain_id=11155111");
    }

    @Test
    void idsAreEncodedAsOnePathSegment() {
        assertThat(call("GET", "/v1/settlement-templates/a%2Fb%20c",
                () -> client.templates().get("a/b c")).uri()).isEqualTo("/v1/settlement-templates/a%2Fb%20c");
    }

    @Test
    void everyCallIdentifiesTheSdkAndAsksForJson() {
        Recorded recorded = call("GET", "/v1/settlements/s1", () -> client.settlements().get("s1"));
        assertThat(recorded.header("User-Agent")).startsWith("keystone-sdk-java/");
        assertThat(recorded.header("Accept")).isEqualTo("application/json");
    }
}
