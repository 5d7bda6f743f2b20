package xyz.keystoneos.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for the asynchronous engine: polls until a condition holds or the time is up. */
public final class Polling {

    private Polling() {
    }

    public static <T> T until(Supplier<T> probe, Predicate<T> condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        T last = probe.get();
        while (!condition.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = probe.get();
        }
        return last;
    }
}
