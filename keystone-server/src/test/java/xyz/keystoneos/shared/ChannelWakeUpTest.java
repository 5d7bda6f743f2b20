package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import xyz.keystoneos.shared.database.ChannelWakeUp;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.Polling;

/**
 * A notification wakes one waiting worker, not all of them; a worker passes the wake-up on; a plain signal still
 * wakes everyone. Three waiters on a channel of their own that polls only every 5 minutes, so only wake-ups count.
 */
class ChannelWakeUpTest extends IntegrationTest {

    private static final String CHANNEL = "keystone_wake_up_test";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    private ChannelWakeUp wakeUp;
    private final AtomicInteger woken = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();

    @AfterEach
    void stop() {
        if (wakeUp != null) {
            wakeUp.stop();
        }
    }

    private void threeWaiters() {
        wakeUp = new ChannelWakeUp(dataSource, CHANNEL, Duration.ofMinutes(5));
        wakeUp.start();
        Polling.until(wakeUp::listening, listening -> listening, Duration.ofSeconds(10), "LISTEN");
        for (int i = 0; i < 3; i++) {
            Thread.ofVirtual().start(() -> {
                waiting.incrementAndGet();
                wakeUp.await();
                waiting.decrementAndGet();
                woken.incrementAndGet();
            });
        }
        Polling.until(waiting::get, n -> n == 3, Duration.ofSeconds(10), "three waiters");
        pause(); // let them all reach await()
    }

    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aNotificationWakesOneWaiterAndItCanWakeTheNext() {
        threeWaiters();

        jdbc.sql("select pg_notify('" + CHANNEL + "', '')").query().singleRow();
        Polling.until(woken::get, n -> n >= 1, Duration.ofSeconds(10), "a waiter woken by NOTIFY");
        pause();
        assertThat(woken).hasValue(1);

        wakeUp.signalOne();
        Polling.until(woken::get, n -> n >= 2, Duration.ofSeconds(10), "the next waiter");
        pause();
        assertThat(woken).hasValue(2);
    }

    @Test
    void aSignalStillWakesEveryWaiter() {
        threeWaiters();

        wakeUp.signal();

        Polling.until(woken::get, n -> n == 3, Duration.ofSeconds(10), "every waiter");
    }
}
