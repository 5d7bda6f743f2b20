package xyz.keystoneos.compliance.internal;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xyz.keystoneos.compliance.CircuitState;
import xyz.keystoneos.compliance.ComplianceProvider;
import xyz.keystoneos.compliance.ProviderHealth;
import xyz.keystoneos.compliance.ProviderVerdict;
import xyz.keystoneos.compliance.ScreeningUnavailableException;

/**
 * One provider behind a timeout, retries and a circuit breaker (resilience4j). Each attempt runs on its own
 * virtual thread and is abandoned (interrupted) after the timeout; a failed attempt (exception, timeout, or no
 * verdict at all) is retried with exponential backoff; the breaker counts every failed attempt and opens after
 * {@code failureThreshold} of them in a row, refusing calls for {@code openDuration} before one trial call decides.
 * When a call still has no verdict, {@link ScreeningUnavailableException} tells the caller to try again later.
 * An interrupted caller is not the provider's fault: it is neither retried nor counted.
 */
final class ProviderGuard {

    private static final Logger log = LoggerFactory.getLogger(ProviderGuard.class);

    private final ComplianceProvider provider;
    private final ProviderGuardSettings settings;
    private final ExecutorService executor;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final TimeLimiter timeLimiter;
    private final FailureRecord failures = new FailureRecord();

    ProviderGuard(ComplianceProvider provider, ProviderGuardSettings settings, ExecutorService executor,
            Clock clock) {
        this.provider = provider;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
        this.breaker = CircuitBreaker.of(provider.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.failureThreshold())
                .minimumNumberOfCalls(settings.failureThreshold())
                .failureRateThreshold(100)
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .ignoreExceptions(InterruptedException.class)
                .clock(clock)
                .build());
        this.retry = Retry.of(provider.name(), RetryConfig.custom()
                .maxAttempts(settings.maxRetries() + 1)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.initialBackoff(),
                        settings.backoffMultiplier()))
                .ignoreExceptions(CallNotPermittedException.class, InterruptedException.class)
                .build());
        this.timeLimiter = TimeLimiter.of(provider.name(), TimeLimiterConfig.custom()
                .timeoutDuration(settings.timeout())
                .cancelRunningFuture(true)
                .build());
    }

    String name() {
        return provider.name();
    }

    ProviderVerdict screenEntity(String name) {
        return call("entity screening", () -> provider.screenEntity(name));
    }

    ProviderVerdict screenWallet(String walletAddress, long chainId) {
        return call("wallet screening", () -> provider.screenWallet(walletAddress, chainId));
    }

    ProviderHealth health() {
        FailureRecord.Snapshot snapshot = failures.snapshot();
        return new ProviderHealth(name(), state(), snapshot.consecutiveFailures(), snapshot.lastFailureAt(),
                snapshot.lastFailureMessage());
    }

    private ProviderVerdict call(String operation, Supplier<ProviderVerdict> call) {
        Callable<ProviderVerdict> attempt = () -> breaker.executeCallable(() -> recorded(call));
        try {
            return Retry.decorateCallable(retry, attempt).call();
        } catch (CallNotPermittedException e) {
            throw new ScreeningUnavailableException("Compliance provider '" + name() + "' is unavailable for "
                    + operation + ": its circuit breaker is open", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScreeningUnavailableException("Interrupted while waiting for compliance provider '" + name()
                    + "'", e);
        } catch (Exception e) {
            log.warn("Compliance provider '{}' failed {} after {} attempt(s): {}", name(), operation,
                    settings.maxRetries() + 1, describe(e));
            throw new ScreeningUnavailableException("Compliance provider '" + name() + "' failed " + operation
                    + " after " + (settings.maxRetries() + 1) + " attempt(s): " + describe(e), e);
        }
    }

    /** One attempt with the timeout applied, its outcome written to the failure record. */
    private ProviderVerdict recorded(Supplier<ProviderVerdict> call) throws Exception {
        try {
            ProviderVerdict verdict = validated(timeLimiter.executeFutureSupplier(() -> executor.submit(call::get)));
            failures.recordSuccess();
            return verdict;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failures.recordFailure(clock.instant(), describe(e));
            throw e;
        }
    }

    private ProviderVerdict validated(ProviderVerdict verdict) {
        if (verdict == null || verdict.outcome() == null) {
            throw new IllegalStateException("the provider answered without an outcome");
        }
        return verdict;
    }

    private String describe(Exception failure) {
        if (failure instanceof TimeoutException) {
            return "timed out after " + settings.timeout().toMillis() + " ms";
        }
        return FailureRecord.shortened(failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
    }

    private CircuitState state() {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            case CLOSED, DISABLED, METRICS_ONLY -> CircuitState.CLOSED;
        };
    }
}
