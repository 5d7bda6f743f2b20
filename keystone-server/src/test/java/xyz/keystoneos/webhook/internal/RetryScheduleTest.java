package xyz.keystoneos.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final List<Duration> SPEC = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14),
            Duration.ofHours(20), Duration.ofHours(24));

    @RepeatedTest(20)
    void eachRetryFollowsTheScheduleWithinTenPercentJitter() {
        for (int attempt = 1; attempt <= SPEC.size(); attempt++) {
            Duration delay = RetrySchedule.next(attempt, null);
            long expected = SPEC.get(attempt - 1).toMillis();
            assertThat(delay.toMillis()).as("after attempt %d", attempt)
                    .isBetween((long) (expected * 0.9), (long) (expected * 1.1));
        }
    }

    @Test
    void afterTheTenthAttemptTheDeliveryHasFailed() {
        assertThat(RetrySchedule.MAX_ATTEMPTS).isEqualTo(10);
        assertThat(RetrySchedule.next(10, null)).isNull();
    }

    @Test
    void aLongerRetryAfterWinsButIsCappedAtADay() {
        assertThat(RetrySchedule.next(1, Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetrySchedule.next(1, Duration.ofDays(3))).isEqualTo(Duration.ofHours(24));
        assertThat(RetrySchedule.next(2, Duration.ofSeconds(1)).toMinutes()).isBetween(4L, 5L);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(WebhookSender.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(WebhookSender.retryAfter("-3")).isEqualTo(Duration.ZERO);
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(1));
        assertThat(WebhookSender.retryAfter(inAMinute).toSeconds()).isBetween(55L, 61L);
        assertThat(WebhookSender.retryAfter("soon")).isNull();
        assertThat(WebhookSender.retryAfter(null)).isNull();
    }
}
