package xyz.keystoneos.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.WebhookReceiver;
import xyz.keystoneos.support.WebhookReceiver.Answer;
import xyz.keystoneos.webhook.WebhookOutbox;

/**
 * A receiver that was down (connection refused, then answering 503) and comes back: the deliveries that failed twice
 * wait for their 5-minute retry, until the endpoint accepts a delivery again; then they are all delivered within
 * seconds. An endpoint that is still failing keeps its schedule.
 */
class WebhookReceiverOutageTest extends DispatcherTest {

    private static final int PER_PHASE = 10;

    @Test
    void waitingRetriesAreDeliveredSoonAfterTheEndpointAcceptsADeliveryAgain() {
        WebhookReceiver receiver = open(0);
        int port = receiver.port();
        WebhookReceiver stillDown = open(0);
        stillDown.answer(r -> Answer.status(503));
        Endpoint recovering = endpoint(receiver.url());
        Endpoint failing = endpoint(stillDown.url());
        Set<String> events = new HashSet<>();
        events.add(publish("before"));
        Polling.until(() -> succeeded(recovering), n -> n == 1, Duration.ofSeconds(10), "the first delivery");

        receiver.close();
        events.addAll(publishPhase("refused"));
        awaitWaitingForTheFiveMinuteRetry(recovering, PER_PHASE);

        receiver = open(port);
        receiver.answer(r -> Answer.status(503));
        events.addAll(publishPhase("unavailable"));
        awaitWaitingForTheFiveMinuteRetry(recovering, 2 * PER_PHASE);

        receiver.answer(r -> Answer.ok());
        Instant back = Instant.now();
        events.add(publish("after"));
        Polling.until(() -> succeeded(recovering), n -> n == events.size(), Duration.ofSeconds(25),
                "every delivery of the recovered endpoint");
        Duration drained = Duration.between(back, Instant.now());

        Set<String> arrived = new HashSet<>();
        receiver.received().forEach(r -> arrived.add(r.header("X-Keystone-Event-Id")));
        events.remove(eventIdDeliveredFirst(recovering));
        assertThat(arrived).containsAll(events);
        assertThat(drained).as("drained well before the 5-minute retry").isLessThan(Duration.ofSeconds(25));
        assertThat(failedAttempts(recovering)).isEqualTo(4L * PER_PHASE);
        assertThat(succeeded(failing)).isZero();
        assertThat(failedTwiceAndDueWithinAMinute(failing)).as("the failing endpoint keeps its schedule").isZero();
    }

    private WebhookReceiver open(int port) {
        WebhookReceiver receiver = new WebhookReceiver(port);
        receivers.add(receiver);
        return receiver;
    }

    private Endpoint endpoint(String url) {
        Endpoint endpoint = new Endpoint(UUID.randomUUID(), platform.platformId(), platform.environmentId(), url,
                "outage", List.of("*"), WebhookSigner.newSecret(), null, null, true, null, null, null, Instant.now(),
                Instant.now());
        endpoints.insert(endpoint);
        return endpoint;
    }

    private String publish(String phase) {
        return transactions.execute(status -> outbox.publish("test.ping", List.of(new WebhookOutbox.Recipient(
                platform.platformId(), platform.environmentId())), null, Map.of("phase", phase)));
    }

    private List<String> publishPhase(String phase) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PER_PHASE; i++) {
            ids.add(publish(phase));
        }
        return ids;
    }

    /** Failed immediately and again 5 s later: the next attempt is scheduled about 5 minutes out. */
    private void awaitWaitingForTheFiveMinuteRetry(Endpoint endpoint, int expected) {
        Polling.until(() -> waitingLongerThanAMinute(endpoint), n -> n == expected, Duration.ofSeconds(15),
                expected + " deliveries failed twice");
    }

    private long waitingLongerThanAMinute(Endpoint endpoint) {
        return jdbc.sql("""
                select count(*) from webhook_deliveries where endpoint_id = :e and status = 'pending' and attempts = 2
                  and leased_by is null and next_attempt_at > now() + interval '1 minute'""")
                .param("e", endpoint.id()).query(Long.class).single();
    }

    private long failedTwiceAndDueWithinAMinute(Endpoint endpoint) {
        return jdbc.sql("""
                select count(*) from webhook_deliveries where endpoint_id = :e and status = 'pending' and attempts = 2
                  and leased_by is null and next_attempt_at < now() + interval '1 minute'""")
                .param("e", endpoint.id()).query(Long.class).single();
    }

    private long succeeded(Endpoint endpoint) {
        return jdbc.sql("select count(*) from webhook_deliveries where endpoint_id = :e and status = 'succeeded'")
                .param("e", endpoint.id()).query(Long.class).single();
    }

    private long failedAttempts(Endpoint endpoint) {
        return jdbc.sql("""
                select count(*) from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id
                where d.endpoint_id = :e and (a.status_code is null or a.status_code >= 300)""")
                .param("e", endpoint.id()).query(Long.class).single();
    }

    /** The "before" event went to the first receiver, which was closed afterwards. */
    private String eventIdDeliveredFirst(Endpoint endpoint) {
        return jdbc.sql("""
                select event_id from webhook_deliveries where endpoint_id = :e order by created_at limit 1""")
                .param("e", endpoint.id()).query(String.class).single();
    }
}
