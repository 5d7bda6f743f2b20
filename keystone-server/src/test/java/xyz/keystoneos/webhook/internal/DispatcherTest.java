package xyz.keystoneos.webhook.internal;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.TestPlatform;
import xyz.keystoneos.support.WebhookReceiver;
import xyz.keystoneos.webhook.WebhookOutbox;

/**
 * What the tests of the running dispatcher share: the stores they write endpoints and events with, a new platform per
 * test, and the receivers they start, closed after each test.
 */
abstract class DispatcherTest extends IntegrationTest {

    @Autowired
    EndpointStore endpoints;

    @Autowired
    WebhookOutbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    TestPlatform platform;
    final List<WebhookReceiver> receivers = new ArrayList<>();

    @BeforeEach
    void platform() {
        platform = newPlatform();
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }
}
