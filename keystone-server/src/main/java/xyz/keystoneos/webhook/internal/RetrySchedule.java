package xyz.keystoneos.webhook.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed delivery again (SPEC §11): immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and
 * 24 h after each failure — ten attempts — each delay with ±10 % jitter. A {@code Retry-After} longer than the
 * scheduled delay wins (capped at 24 h).
 */
final class RetrySchedule {

    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));
    static final int MAX_ATTEMPTS = DELAYS.size() + 1;
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private RetrySchedule() {
    }

    /**
     * @param attemptsMade attempts so far, including the one that just failed (1 after the first)
     * @return the delay before the next attempt, or {@code null} when the delivery has had all its attempts
     */
    static Duration next(int attemptsMade, Duration retryAfter) {
        if (attemptsMade >= MAX_ATTEMPTS) {
            return null;
        }
        Duration scheduled = DELAYS.get(attemptsMade - 1);
        long jitter = (long) (scheduled.toMillis() * 0.1);
        Duration delay = scheduled.plusMillis(jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
        if (retryAfter != null) {
            Duration capped = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
            if (capped.compareTo(delay) > 0) {
                delay = capped;
            }
        }
        return delay;
    }
}
