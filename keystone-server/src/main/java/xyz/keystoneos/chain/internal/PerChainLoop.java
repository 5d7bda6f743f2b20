package xyz.keystoneos.chain.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One virtual thread per configured evm chain running {@link #step} over and over: at once again when the step
 * did work, after the chain's poll interval when it did not or when it failed (logged). Started and stopped with
 * the application; stopping interrupts the threads and waits up to 10 s for each.
 */
abstract class PerChainLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PerChainLoop.class);

    private final EvmNetworks networks;
    private final String name;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /** {@code name} names the threads ({@code <name>-<chainId>}) and the log lines. */
    PerChainLoop(EvmNetworks networks, String name) {
        this.networks = networks;
        this.name = name;
    }

    /** One unit of work on the chain; true when there was some (so the loop goes on without waiting). */
    abstract boolean step(long chainId);

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (long chainId : networks.chainIds()) {
            threads.add(Thread.ofVirtual().name(name + "-" + chainId).start(() -> loop(chainId)));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop(long chainId) {
        Duration poll = networks.settings(chainId).getPollInterval();
        while (running) {
            try {
                if (!step(chainId)) {
                    Thread.sleep(poll.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Chain {}: {} failed; retrying", chainId, name, e);
                try {
                    Thread.sleep(poll.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
