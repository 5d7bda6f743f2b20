package xyz.keystoneos.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.TestPlatform;

/** Successes the database refuses to record for a while are recorded once it is back, unless their lease ran out. */
class SuccessRecorderTest extends IntegrationTest {

    private static final String NODE = "success-recorder-test";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    /** A database that refuses the first {@code refusals} transactions, as one does while it restarts. */
    private final class RefusingDatabase implements PlatformTransactionManager {
        final AtomicInteger refusalsLeft;
        final AtomicInteger refused = new AtomicInteger();

        RefusingDatabase(int refusals) {
            refusalsLeft = new AtomicInteger(refusals);
        }

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            if (refusalsLeft.getAndDecrement() > 0) {
                refused.incrementAndGet();
                throw new CannotCreateTransactionException("the database is restarting");
            }
            return transactionManager.getTransaction(definition);
        }

        @Override
        public void commit(TransactionStatus status) {
            transactionManager.commit(status);
        }

        @Override
        public void rollback(TransactionStatus status) {
            transactionManager.rollback(status);
        }
    }

    @Test
    void aBatchRefusedByTheDatabaseIsRecordedWhenItIsBack() {
        Leased delivery = leasedDelivery(newPlatform());
        RefusingDatabase database = new RefusingDatabase(3);
        SuccessRecorder recorder = new SuccessRecorder(jdbc, new TransactionTemplate(database), NODE);
        try {
            recorder.add(success(delivery, Instant.now()));

            Polling.until(() -> status(delivery), "succeeded"::equals, Duration.ofSeconds(20),
                    "the success to be recorded");
        } finally {
            recorder.close();
        }

        assertThat(database.refused.get()).isEqualTo(3);
        assertThat(attempts(delivery)).isEqualTo(1);
        assertThat(stillLeased(delivery)).isFalse();
    }

    @Test
    void aSuccessWhoseLeaseRanOutIsNotRecordedAnyMore() {
        TestPlatform platform = newPlatform();
        Leased stale = leasedDelivery(platform);
        Leased fresh = leasedDelivery(platform);
        RefusingDatabase database = new RefusingDatabase(1);
        SuccessRecorder recorder = new SuccessRecorder(jdbc, new TransactionTemplate(database), NODE);
        try {
            recorder.add(success(stale, Instant.now().minus(WebhookDispatcher.LEASE).minusSeconds(1)));
            Polling.until(database.refused::get, n -> n == 1, Duration.ofSeconds(20), "the refusal");
            recorder.add(success(fresh, Instant.now()));

            Polling.until(() -> status(fresh), "succeeded"::equals, Duration.ofSeconds(20),
                    "the fresh success to be recorded");
        } finally {
            recorder.close();
        }

        assertThat(status(stale)).isEqualTo("pending");
        assertThat(attempts(stale)).isZero();
        assertThat(stillLeased(stale)).isTrue();
    }

    /** A pending delivery of a new event to a new endpoint, leased by this test's node for the next minute. */
    private record Leased(UUID delivery, UUID endpoint) {
    }

    private static SuccessRecorder.Success success(Leased leased, Instant startedAt) {
        return new SuccessRecorder.Success(leased.delivery(), leased.endpoint(), 1,
                new WebhookSender.Outcome(true, 200, 12, null, "{\"received\":true}", null, startedAt));
    }

    private Leased leasedDelivery(TestPlatform platform) {
        UUID endpoint = jdbc.sql("""
                insert into webhook_endpoints (id, platform_id, environment_id, url, events, secret)
                values (gen_random_uuid(), :platform, :environment, 'https://receiver.example/hook', '{*}',
                        'whsec_c3VjY2Vzcy1yZWNvcmRlci10ZXN0LXNlY3JldA==')
                returning id""").param("platform", platform.platformId())
                .param("environment", platform.environmentId()).query(UUID.class).single();
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        UUID outbox = jdbc.sql("""
                insert into webhook_outbox (id, event_id, event_type, platform_id, environment_id, payload)
                values (gen_random_uuid(), :event, 'test.ping', :platform, :environment, '{}')
                returning id""").param("event", eventId).param("platform", platform.platformId())
                .param("environment", platform.environmentId()).query(UUID.class).single();
        UUID delivery = jdbc.sql("""
                insert into webhook_deliveries (id, endpoint_id, outbox_id, event_id, event_type, leased_by, leased_until)
                values (gen_random_uuid(), :endpoint, :outbox, :event, 'test.ping', :node, now() + interval '1 minute')
                returning id""").param("endpoint", endpoint).param("outbox", outbox).param("event", eventId)
                .param("node", NODE).query(UUID.class).single();
        return new Leased(delivery, endpoint);
    }

    private String status(Leased leased) {
        return jdbc.sql("select status from webhook_deliveries where id = :id").param("id", leased.delivery())
                .query(String.class).single();
    }

    private int attempts(Leased leased) {
        return jdbc.sql("select count(*) from webhook_attempts where delivery_id = :id")
                .param("id", leased.delivery()).query(Integer.class).single();
    }

    private boolean stillLeased(Leased leased) {
        return jdbc.sql("select leased_by is not null from webhook_deliveries where id = :id")
                .param("id", leased.delivery()).query(Boolean.class).single();
    }
}
