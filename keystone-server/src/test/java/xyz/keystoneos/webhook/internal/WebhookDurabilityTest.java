package xyz.keystoneos.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.KeystoneApplication;
import xyz.keystoneos.identity.PlatformOnboarding;
import xyz.keystoneos.identity.RegisteredPlatform;
import xyz.keystoneos.support.Polling;
import xyz.keystoneos.support.TestDatabase;
import xyz.keystoneos.support.WebhookReceiver;
import xyz.keystoneos.support.WebhookReceiver.Answer;
import xyz.keystoneos.webhook.WebhookOutbox;

/**
 * Whole server nodes on one database: two dispatchers share the queue without ever attempting a delivery twice at
 * once; a node stopped in the middle of a batch loses nothing; deliveries leased by a node that crashed are taken
 * over when the lease expires. Every event reaches the receiver at least once.
 */
class WebhookDurabilityTest {

    @Test
    void everyEventIsDeliveredAtLeastOnceThroughStopsAndCrashes() {
        TestDatabase.Database database = TestDatabase.create();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(r -> new Answer(200, Map.of(), 100));
            ConfigurableApplicationContext nodeA = start(database);
            ConfigurableApplicationContext nodeB = start(database);
            Set<String> events = new HashSet<>();
            JdbcClient jdbc = nodeB.getBean(JdbcClient.class);
            try {
                RegisteredPlatform platform = nodeA.getBean(PlatformOnboarding.class).registerPlatform("Hooks",
                        "hooks-" + UUID.randomUUID().toString().substring(0, 6));
                nodeA.getBean(EndpointStore.class).insert(new Endpoint(UUID.randomUUID(), platform.platformId(),
                        platform.environmentId(), receiver.url(), null, List.of("*"), WebhookSigner.newSecret(), null,
                        null, true, null, null, null, Instant.now(), Instant.now()));
                WebhookOutbox outbox = nodeA.getBean(WebhookOutbox.class);
                TransactionTemplate transactions = nodeA.getBean(TransactionTemplate.class);
                for (int i = 0; i < 300; i++) {
                    int n = i;
                    events.add(transactions.execute(status -> outbox.publish("test.ping", List.of(
                            new WebhookOutbox.Recipient(platform.platformId(), platform.environmentId())), null,
                            Map.of("n", n))));
                }
                Polling.until(() -> receiver.received().size(), size -> size >= 60, Duration.ofSeconds(20),
                        "the dispatchers to be under way");
            } finally {
                nodeA.close();
            }
            // A node that crashed while holding leases: its deliveries come back once the lease expires.
            int orphaned = jdbc.sql("""
                    update webhook_deliveries set leased_by = 'crashed-node', leased_until = now() + interval '2 seconds'
                    where id in (select id from webhook_deliveries where status = 'pending' limit 20)""").update();
            try {
                Polling.until(() -> receivedEventIds(receiver), ids -> ids.containsAll(events), Duration.ofSeconds(60),
                        "every event at the receiver");
                Polling.until(() -> jdbc.sql("select count(*) from webhook_deliveries where status <> 'succeeded'")
                        .query(Long.class).single(), n -> n == 0, Duration.ofSeconds(20), "every delivery recorded");
            } finally {
                nodeB.close();
            }
            List<String> all = receiver.received().stream().map(r -> r.header("webhook-id")).toList();
            long duplicates = all.size() - new HashSet<>(all).size();
            System.out.printf("webhook durability: %d events, %d requests, %d duplicates, %d leases orphaned%n",
                    events.size(), all.size(), duplicates, orphaned);
            assertThat(new HashSet<>(all)).containsAll(events);
        }
    }

    private static Set<String> receivedEventIds(WebhookReceiver receiver) {
        return receiver.received().stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }

    private static ConfigurableApplicationContext start(TestDatabase.Database database) {
        return new SpringApplicationBuilder(KeystoneApplication.class)
                .run("--server.port=0", "--keystone.seed.demo-data=false",
                        "--keystone.webhooks.allow-private-targets=true",
                        "--keystone.database.url=" + database.url(),
                        "--keystone.database.username=" + database.username(),
                        "--keystone.database.password=" + database.password());
    }
}
