package xyz.keystoneos.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.compliance.CircuitState;
import xyz.keystoneos.compliance.ProviderHealth;
import xyz.keystoneos.compliance.ProviderVerdict;
import xyz.keystoneos.compliance.ScreeningOutcome;
import xyz.keystoneos.compliance.ScreeningUnavailableException;
import xyz.keystoneos.support.MutableClock;

class ProviderGuardTest {

    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    private static final ProviderGuardSettings SETTINGS = new ProviderGuardSettings(Duration.ofMillis(100), 2,
            Duration.ofMillis(1), 2.0, 5, Duration.ofSeconds(30));

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final MutableClock clock = new MutableClock(START);
    private final FakeProvider provider = new FakeProvider("remote");
    private final ProviderGuard guard = new ProviderGuard(provider, SETTINGS, executor, clock);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void passesAnAnswerThrough() {
        provider.answering(FakeProvider.verdict(ScreeningOutcome.FLAGGED, "remote:case:7"));

        assertThat(guard.screenWallet("0xabc", 1)).isEqualTo(new ProviderVerdict(ScreeningOutcome.FLAGGED,
                "remote:case:7"));
        assertThat(guard.health()).isEqualTo(new ProviderHealth("remote", CircuitState.CLOSED, 0, null, null));
    }

    @Test
    void retriesAFailedCallAndReturnsTheLaterAnswer() {
        provider.answering(FakeProvider.failing("502 Bad Gateway"), FakeProvider.failing("502 Bad Gateway"),
                FakeProvider.verdict(ScreeningOutcome.PASS, "remote:clear"));

        assertThat(guard.screenEntity("Acme")).isEqualTo(new ProviderVerdict(ScreeningOutcome.PASS, "remote:clear"));
        assertThat(provider.calls()).isEqualTo(3);
        ProviderHealth health = guard.health();
        assertThat(health.consecutiveFailures()).isZero();
        assertThat(health.lastFailureAt()).isEqualTo(START);
        assertThat(health.lastFailureMessage()).isEqualTo("IllegalStateException: 502 Bad Gateway");
    }

    @Test
    void givesUpAfterTwoRetries() {
        provider.answering(FakeProvider.failing("503 Service Unavailable"));

        assertThatThrownBy(() -> guard.screenEntity("Acme"))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessage("Compliance provider 'remote' failed entity screening after 3 attempt(s): "
                        + "IllegalStateException: 503 Service Unavailable");
        assertThat(provider.calls()).isEqualTo(3);
        assertThat(guard.health().consecutiveFailures()).isEqualTo(3);
        assertThat(guard.health().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void abandonsACallThatTakesLongerThanTheTimeout() {
        provider.answering(FakeProvider.sleeping(5_000));
        long started = System.nanoTime();

        assertThatThrownBy(() -> guard.screenWallet("0xabc", 1))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessageContaining("timed out after 100 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(provider.calls()).isEqualTo(3);
        assertThat(guard.health().lastFailureMessage()).isEqualTo("timed out after 100 ms");
    }

    @Test
    void anInterruptedCallerIsNeitherRetriedNorCountedAgainstTheProvider() {
        provider.answering(FakeProvider.sleeping(5_000));
        ProviderGuard patient = new ProviderGuard(provider, new ProviderGuardSettings(Duration.ofSeconds(10), 2,
                Duration.ofMillis(1), 2.0, 5, Duration.ofSeconds(30)), executor, clock);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> patient.screenEntity("Acme"))
                    .isInstanceOf(ScreeningUnavailableException.class)
                    .hasMessage("Interrupted while waiting for compliance provider 'remote'");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(provider.calls()).isLessThanOrEqualTo(1);
        assertThat(patient.health().consecutiveFailures()).isZero();
    }

    @Test
    void anAnswerWithoutOutcomeCountsAsAFailure() {
        provider.answering(() -> null, FakeProvider.verdict(null, "remote:?"),
                FakeProvider.verdict(ScreeningOutcome.PASS, "remote:clear"));

        assertThat(guard.screenEntity("Acme").outcome()).isEqualTo(ScreeningOutcome.PASS);
        assertThat(guard.health().lastFailureMessage())
                .isEqualTo("IllegalStateException: the provider answered without an outcome");
    }

    @Test
    void opensTheCircuitAfterFiveFailuresInARowAndStopsCallingTheProvider() {
        provider.answering(FakeProvider.failing("connection refused"));

        assertThatThrownBy(() -> guard.screenEntity("Acme")).isInstanceOf(ScreeningUnavailableException.class);
        assertThatThrownBy(() -> guard.screenEntity("Acme"))
                .isInstanceOf(ScreeningUnavailableException.class)
                .hasMessage("Compliance provider 'remote' is unavailable for entity screening: its circuit breaker"
                        + " is open");
        assertThat(provider.calls()).isEqualTo(5);
        assertThat(guard.health()).isEqualTo(new ProviderHealth("remote", CircuitState.OPEN, 5, START,
                "IllegalStateException: connection refused"));

        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> guard.screenWallet("0xabc", 1)).isInstanceOf(ScreeningUnavailableException.class);
        assertThat(provider.calls()).isEqualTo(5);
    }

    @Test
    void letsOneTrialCallThroughAfterTheOpenDurationAndClosesWhenItSucceeds() {
        provider.answering(FakeProvider.failing("connection refused"));
        assertThatThrownBy(() -> guard.screenEntity("Acme")).isInstanceOf(ScreeningUnavailableException.class);
        assertThatThrownBy(() -> guard.screenEntity("Acme")).isInstanceOf(ScreeningUnavailableException.class);
        assertThat(guard.health().state()).isEqualTo(CircuitState.OPEN);

        clock.advance(Duration.ofSeconds(30).plusMillis(1));
        provider.answering(FakeProvider.verdict(ScreeningOutcome.PASS, "remote:clear"));

        assertThat(guard.screenEntity("Acme").reference()).isEqualTo("remote:clear");
        assertThat(guard.health().state()).isEqualTo(CircuitState.CLOSED);
        assertThat(guard.health().consecutiveFailures()).isZero();
    }

    @Test
    void reopensWhenTheTrialCallFails() {
        provider.answering(FakeProvider.failing("connection refused"));
        assertThatThrownBy(() -> guard.screenEntity("Acme")).isInstanceOf(ScreeningUnavailableException.class);
        assertThatThrownBy(() -> guard.screenEntity("Acme")).isInstanceOf(ScreeningUnavailableException.class);

        clock.advance(Duration.ofSeconds(31));

        assertThatThrownBy(() -> guard.screenEntity("Acme")).isInstanceOf(ScreeningUnavailableException.class);
        assertThat(provider.calls()).isEqualTo(6);
        assertThat(guard.health().state()).isEqualTo(CircuitState.OPEN);
        assertThat(guard.health().consecutiveFailures()).isEqualTo(6);
    }

    @Test
    void aSuccessInBetweenResetsTheFailureCount() {
        provider.answering(FakeProvider.failing("boom"), FakeProvider.failing("boom"), FakeProvider.failing("boom"),
                FakeProvider.failing("boom"), FakeProvider.verdict(ScreeningOutcome.PASS, "remote:clear"),
                FakeProvider.failing("boom"));

        assertThatThrownBy(() -> guard.screenEntity("Acme")).isInstanceOf(ScreeningUnavailableException.class);
        assertThat(guard.screenEntity("Acme").outcome()).isEqualTo(ScreeningOutcome.PASS);

        assertThat(guard.health().state()).isEqualTo(CircuitState.CLOSED);
        assertThat(guard.health().consecutiveFailures()).isZero();
    }
}
