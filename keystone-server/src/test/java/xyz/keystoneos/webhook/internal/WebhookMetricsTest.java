package xyz.keystoneos.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.TestPlatform;
import xyz.keystoneos.support.WebhookReceiver;
import xyz.keystoneos.support.WebhookReceiver.Answer;
import xyz.keystoneos.webhook.WebhookOutbox;

/** {@code keystone.webhook.deliveries} by outcome and {@code keystone.webhook.delivery.lag}, on this node. */
class WebhookMetricsTest extends IntegrationTest {

    @Autowired
    EndpointStore endpoints;

    @Autowired
    WebhookOutbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MeterRegistry registry;

    private double deliveries(String outcome) {
        Counter counter = registry.find(WebhookMetrics.DELIVERIES).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private void deliverOneEventTo(WebhookReceiver receiver) {
        TestPlatform platform = newPlatform();
        endpoints.insert(new Endpoint(UUID.randomUUID(), platform.platformId(), platform.environmentId(),
                receiver.url(), "metrics", List.of("*"), WebhookSigner.newSecret(), null, null, true, null, null, null,
                Instant.now(), Instant.now()));
        transactions.execute(status -> outbox.publish("test.ping", List.of(new WebhookOutbox.Recipient(
                platform.platformId(), platform.environmentId())), null, Map.of("metrics", true)));
    }

    private void awaitIncrease(String outcome, double before) {
        Polling.until(() -> deliveries(outcome), count -> count > before, Duration.ofSeconds(20),
                "a delivery counted as " + outcome);
    }

    @Test
    void aSuccessfulDeliveryCountsAsSucceededWithItsLag() {
        Timer lag = registry.get(WebhookMetrics.LAG).timer();
        long lagsBefore = lag.count();
        double before = deliveries("succeeded");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            deliverOneEventTo(receiver);

            awaitIncrease("succeeded", before);
        }

        assertThat(lag.count()).isGreaterThan(lagsBefore);
        assertThat(lag.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void aFailureToRetryAndAGivenUpDeliveryCountApart() {
        double retriesBefore = deliveries("failed_attempt");
        double failedBefore = deliveries("failed");
        try (WebhookReceiver retried = new WebhookReceiver(); WebhookReceiver gone = new WebhookReceiver()) {
            retried.answer(request -> new Answer(503, Map.of("Retry-After", "3600"), 0));
            gone.answer(request -> Answer.status(410));
            deliverOneEventTo(retried);
            deliverOneEventTo(gone);

            awaitIncrease("failed_attempt", retriesBefore);
            awaitIncrease("failed", failedBefore);
        }
    }
}
