package xyz.keystoneos.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a node's worker threads when PostgreSQL {@code NOTIFY}s a channel (any node may send it, at the commit of
 * the transaction that made work due), and after {@code poll} at the latest, so nothing waits long even if a
 * notification is missed. One connection per instance LISTENs. When that connection dies (the database restarted,
 * a network cut) the listener takes a new one, waiting {@link #FIRST_RECONNECT_DELAY} after the first failure and
 * twice as long after each further one, up to {@link #MAX_RECONNECT_DELAY}; the broken connection is evicted from
 * the pool. Notifications sent while nobody listened are lost, so on reconnecting it wakes every waiting thread once:
 * they look for due work at once, as they do after every poll interval anyway.
 */
public final class ChannelWakeUp {

    static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(500);
    static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ChannelWakeUp.class);

    private final DataSource dataSource;
    private final String channel;
    private final Duration poll;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;

    public ChannelWakeUp(DataSource dataSource, String channel, Duration poll) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("channel names are lower-case identifiers: " + channel);
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.poll = poll;
    }

    public void start() {
        running = true;
        listener = Thread.ofVirtual().name("listen-" + channel).start(this::listen);
    }

    /** Stops listening (within one poll interval) and releases every waiting thread. */
    public void stop() {
        running = false;
        stopped.countDown();
        signal();
        if (listener != null) {
            try {
                listener.join(poll.multipliedBy(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True while a connection LISTENs on the channel; false before the first LISTEN and while reconnecting. */
    public boolean listening() {
        return listening;
    }

    /** Wakes every thread waiting in {@link #await()}. */
    public void signal() {
        lock.lock();
        try {
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a notification or a signal, at most one poll interval. */
    public void await() {
        lock.lock();
        try {
            wakeUp.await(poll.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void listen() {
        int failures = 0;
        while (running) {
            try {
                listenUntilTheConnectionFails(failures);
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                failures++;
                Duration delay = reconnectDelay(failures);
                if (failures == 1) {
                    log.warn("Lost the connection listening on {} ({}); reconnecting, polling every {} meanwhile",
                            channel, e.toString(), poll);
                } else {
                    log.debug("Still cannot listen on {} (attempt {}): {}; next try in {}", channel, failures,
                            e.toString(), delay);
                }
                pause(delay);
            }
        }
    }

    /** Returns only when stopped; throws when the connection cannot be had or breaks. */
    private void listenUntilTheConnectionFails(int failuresBefore) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel);
            }
            listening = true;
            if (failuresBefore > 0) {
                log.info("Listening on {} again after {} failed attempt(s)", channel, failuresBefore);
                signal();
            }
            PGConnection postgres = connection.unwrap(PGConnection.class);
            while (running) {
                PGNotification[] notifications = postgres.getNotifications((int) poll.toMillis());
                if (notifications != null && notifications.length > 0) {
                    signal();
                }
            }
        } catch (SQLException | RuntimeException e) {
            evict(connection);
            throw e;
        } finally {
            listening = false;
            connection.close();
        }
    }

    static Duration reconnectDelay(int failures) {
        Duration delay = FIRST_RECONNECT_DELAY.multipliedBy(1L << Math.min(failures - 1, 20));
        return delay.compareTo(MAX_RECONNECT_DELAY) > 0 ? MAX_RECONNECT_DELAY : delay;
    }

    /**
     * The notification calls go to the driver's connection, past the pool's proxy, so the pool does not see them
     * fail: tell it, or it would hand the dead connection to the next borrower.
     */
    private void evict(Connection connection) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            }
        } catch (SQLException e) {
            log.debug("Could not evict the broken listening connection of {}", channel, e);
        }
    }

    private void pause(Duration delay) {
        try {
            stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
