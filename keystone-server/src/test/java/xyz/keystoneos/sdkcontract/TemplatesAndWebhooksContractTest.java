package xyz.keystoneos.sdkcontract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.examples.WebhookReceiver;
import xyz.keystoneos.sdk.KeystoneSyncClient;
import xyz.keystoneos.sdk.NotFoundException;
import xyz.keystoneos.sdk.ValidationException;
import xyz.keystoneos.sdk.model.CreateSettlementRequest;
import xyz.keystoneos.sdk.model.CreateWebhookRequest;
import xyz.keystoneos.sdk.model.DeliveryListParams;
import xyz.keystoneos.sdk.model.Direction;
import xyz.keystoneos.sdk.model.LegInput;
import xyz.keystoneos.sdk.model.LegType;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.PageParams;
import xyz.keystoneos.sdk.model.PartyInput;
import xyz.keystoneos.sdk.model.RotatedSecret;
import xyz.keystoneos.sdk.model.SettlementTemplate;
import xyz.keystoneos.sdk.model.UpdateWebhookRequest;
import xyz.keystoneos.sdk.model.WebhookDelivery;
import xyz.keystoneos.sdk.model.WebhookEndpoint;
import xyz.keystoneos.sdk.model.WebhookTestResult;
import xyz.keystoneos.support.Polling;

/** Templates and webhook endpoints through the SDK, with the example receiver verifying real signatures. */
class TemplatesAndWebhooksContractTest extends SdkContractTest {

    private KeystoneSyncClient client;
    private HttpServer receiver;
    private final AtomicReference<String> secret = new AtomicReference<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        client = sync(newPlatform());
        receiver = WebhookReceiver.start(0, secret::get, new PrintStream(received, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String receivedText() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Test
    void templatesAreListedPagedAndReadByIdOrSlug() {
        Page<SettlementTemplate> page = client.templates().list();
        assertThat(page.items()).extracting(SettlementTemplate::slug)
                .contains("dvp-standard", "cross_platform_dvp", "fop-standard", "repo-standard");

        SettlementTemplate bySlug = client.templates().get("dvp-standard");
        SettlementTemplate byId = client.templates().get(bySlug.id());
        assertThat(byId).isEqualTo(bySlug);
        assertThat(bySlug.config().states()).contains("INSTRUCTED", "FINALIZED");
        assertThat(bySlug.config().transitions().get("INSTRUCTED").allowedNext()).contains("COMPLIANCE_CHECKING");
        assertThat(bySlug.config().gates()).containsValue("all_deposits");
        assertThat(bySlug.config().requiredRoles()).contains("seller", "buyer");
        assertThat(bySlug.isActive()).isTrue();

        List<String> paged = client.templates().listAutoPaging(null, PageParams.limit(1)).stream()
                .map(SettlementTemplate::slug).toList();
        assertThat(paged).hasSize((int) page.total()).containsAll(page.items().stream()
                .map(SettlementTemplate::slug).toList());
        assertThat(client.templates().list(true, PageParams.of(2, 0)).items()).hasSizeLessThanOrEqualTo(2);
        assertThatThrownBy(() -> client.templates().get("no-such-template")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anEndpointIsCreatedTestedRotatedAndDeletedWithSignaturesVerifiedByTheReceiver() {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + WebhookReceiver.PATH;

        WebhookEndpoint created = client.webhooks().create(CreateWebhookRequest.builder().url(url)
                .description("sdk contract").event("*").build());
        assertThat(created.secret()).startsWith("whsec_");
        secret.set(created.secret());
        assertThat(created.isActive()).isTrue();

        assertThat(client.webhooks().get(created.id()).secret()).isNull();
        assertThat(client.webhooks().list().items()).extracting(WebhookEndpoint::id).containsExactly(created.id());
        assertThat(client.webhooks().update(created.id(), UpdateWebhookRequest.builder().description("renamed")
                .events(List.of("settlement.*", "test.ping")).build()))
                .satisfies(e -> {
                    assertThat(e.description()).isEqualTo("renamed");
                    assertThat(e.events()).containsExactly("settlement.*", "test.ping");
                });

        WebhookTestResult ping = client.webhooks().test(created.id());
        assertThat(ping.success()).as(ping.toString()).isTrue();
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(receivedText()).contains("test.ping").doesNotContain("Rejected");

        RotatedSecret rotated = client.webhooks().rotateSecret(created.id());
        assertThat(rotated.newSecret()).startsWith("whsec_").isNotEqualTo(created.secret());
        assertThat(rotated.previousSecretValidUntil()).isAfter(Instant.now());
        secret.set(rotated.newSecret());
        assertThat(client.webhooks().test(created.id()).success()).isTrue();

        client.webhooks().delete(created.id());
        assertThatThrownBy(() -> client.webhooks().get(created.id()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isNotBlank());
    }

    @Test
    void settlementEventsAreDeliveredLoggedRetriedAndReplayed() {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + WebhookReceiver.PATH;
        Instant start = Instant.now().minusSeconds(5);
        WebhookEndpoint endpoint = client.webhooks().create(CreateWebhookRequest.builder().url(url)
                .event("settlement.*").build());
        secret.set(endpoint.secret());

        String seller = wallet();
        String buyer = wallet();
        String settlementId = client.settlements().create(CreateSettlementRequest.builder()
                .templateSlug("dvp-standard").timeoutAt(Instant.now().plus(Duration.ofHours(1)))
                .party(PartyInput.builder().role("seller").name("Acme A").walletAddress(seller).chainId(CHAIN).build())
                .party(PartyInput.builder().role("buyer").name("Acme B").walletAddress(buyer).chainId(CHAIN).build())
                .leg(LegInput.builder().instrumentId("BOND-2026-A").quantity("5").partyRole("seller")
                        .direction(Direction.DELIVER).build())
                .leg(LegInput.builder().legType(LegType.PAYMENT).instrumentId("TUSDC").quantity("500")
                        .partyRole("buyer").direction(Direction.DELIVER).build())
                .build()).id();

        Page<WebhookDelivery> deliveries = Polling.until(() -> client.webhooks().deliveries(endpoint.id()),
                page -> page.items().stream().anyMatch(d -> "succeeded".equals(d.status().wireValue())), WAIT,
                "a successful delivery");
        WebhookDelivery delivered = deliveries.items().stream()
                .filter(d -> "succeeded".equals(d.status().wireValue())).findFirst().orElseThrow();
        assertThat(delivered.eventType()).startsWith("settlement.");
        assertThat(delivered.attemptLog()).isNotEmpty();
        assertThat(receivedText()).contains("settlement " + settlementId).doesNotContain("Rejected");
        assertThat(client.webhooks().deliveries(endpoint.id(), new DeliveryListParams(null, delivered.eventType(),
                PageParams.limit(5))).items()).allSatisfy(d -> assertThat(d.eventType())
                .isEqualTo(delivered.eventType()));

        WebhookDelivery retried = client.webhooks().retryDelivery(endpoint.id(), delivered.id());
        assertThat(retried.id()).isEqualTo(delivered.id());

        assertThat(client.webhooks().replay(endpoint.id(), start, Instant.now().plusSeconds(5)).replayed())
                .isPositive();
        assertThatThrownBy(() -> client.webhooks().retryDelivery(endpoint.id(), UUID.randomUUID().toString()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anInvalidEndpointIsAValidationExceptionNamingTheField() {
        assertThatThrownBy(() -> client.webhooks().create(CreateWebhookRequest.builder()
                .url("http://127.0.0.1/hook").event("no.such.event").build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors())
                        .anySatisfy(f -> assertThat(f.field()).isEqualTo("events[0]")));
    }
}
