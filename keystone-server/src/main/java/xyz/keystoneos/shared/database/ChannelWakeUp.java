package xyz.keystoneos.shared.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
 * notification is missed. One connection per instance LISTENs; it reconnects by itself.
 */
public final class ChannelWakeUp {

    private static final Logger log = LoggerFactory.getLogger(ChannelWakeUp.class);

    private final DataSource dataSource;
    private final String channel;
    private final Duration poll;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private volatile boolean running;
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
        signal();
        if (listener != null) {
            try {
                listener.join(poll.multipliedBy(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications((int) poll.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        signal();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Lost the connection listening on {}; reconnecting", channel, e);
                    await();
                }
            }
        }
    }
}
