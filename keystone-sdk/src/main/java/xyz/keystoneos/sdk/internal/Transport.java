package xyz.keystoneos.sdk.internal;

import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import xyz.keystoneos.sdk.ApiConnectionException;
import xyz.keystoneos.sdk.KeystoneException;
import xyz.keystoneos.sdk.RetryConfig;
import xyz.keystoneos.sdk.RetryExhaustedException;

/**
 * Sends API calls (internal): bearer token, JSON, retries with backoff on a scheduler (never a sleeping thread), one
 * token refresh after a 401, error mapping. One instance per client; thread-safe.
 */
public final class Transport implements AutoCloseable {

    private final ClientConfig config;
    private final TokenManager tokens;
    private final ScheduledExecutorService scheduler;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Creates the transport of one client.
     *
     * @param config the configuration
     */
    public Transport(ClientConfig config) {
        this.config = config;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "keystone-sdk-retry");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
        this.tokens = new TokenManager(this, config);
    }

    /**
     * Returns the configuration.
     *
     * @return the configuration
     */
    public ClientConfig config() {
        return config;
    }

    /**
     * Returns the token manager.
     *
     * @return the token manager
     */
    public TokenManager tokens() {
        return tokens;
    }

    /**
     * Makes an authenticated API call and parses the answer.
     *
     * @param request the call
     * @param type    the type of the answer body, or {@code null} to ignore the body
     * @param <T>     the answer type
     * @return the answer; fails with the matching {@link KeystoneException}
     */
    public <T> CompletableFuture<T> call(ApiRequest request, JavaType type) {
        String body = request.body() == null ? null : Json.get().write(request.body());
        CompletableFuture<T> result = track(callOnce(request, body, type, false));
        return Futures.unwrapped(result);
    }

    private <T> CompletableFuture<T> callOnce(ApiRequest request, String body, JavaType type, boolean refreshed) {
        AtomicReference<String> usedToken = new AtomicReference<>();
        URI uri = URI.create(config.baseUri() + request.pathAndQuery());
        Supplier<CompletableFuture<HttpRequest>> factory = () -> tokens.token().thenApply(token -> {
            usedToken.set(token);
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(config.timeout())
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .header("User-Agent", config.userAgent());
            if (request.idempotencyKey() != null) {
                builder.header("Idempotency-Key", request.idempotencyKey());
            }
            if (body != null) {
                builder.header("Content-Type", "application/json");
                builder.method(request.method(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            } else {
                builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
            }
            return builder.build();
        });
        return exchange(factory, request.isRetrySafe(), request.method() + " " + uri).thenCompose(response -> {
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return CompletableFuture.completedFuture(parse(response, type));
            }
            if (status == 401 && !refreshed) {
                tokens.invalidate(usedToken.get());
                return callOnce(request, body, type, true);
            }
            return CompletableFuture.failedFuture(ErrorMapper.map(response, config.clock()));
        });
    }

    private <T> T parse(HttpResponse<String> response, JavaType type) {
        String text = response.body();
        if (type == null || text == null || text.isBlank() || type.getRawClass() == Void.class) {
            return null;
        }
        try {
            return Json.get().read(text, type);
        } catch (UncheckedIOException e) {
            throw new KeystoneException("Could not read the answer of " + response.request().method() + " "
                    + response.request().uri() + " (status " + response.statusCode() + ") as "
                    + type.getRawClass().getSimpleName() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Sends a request with the retry policy and answers the final response: a success, an error status that is not
     * retried, or a failure ({@link RetryExhaustedException} after retries, {@link ApiConnectionException} without
     * an answer, or whatever building the request failed with).
     *
     * @param factory   builds the request for each attempt
     * @param retrySafe whether the request may be repeated
     * @param label     method and URL, for messages
     * @return the final response
     */
    CompletableFuture<HttpResponse<String>> exchange(Supplier<CompletableFuture<HttpRequest>> factory,
            boolean retrySafe, String label) {
        CompletableFuture<HttpResponse<String>> result = new CompletableFuture<>();
        attempt(factory, retrySafe, label, 1, result);
        return result;
    }

    private void attempt(Supplier<CompletableFuture<HttpRequest>> factory, boolean retrySafe, String label,
            int attempt, CompletableFuture<HttpResponse<String>> result) {
        if (result.isDone()) {
            return;
        }
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the KeyStone client is closed"));
            return;
        }
        CompletableFuture<HttpRequest> request;
        try {
            request = factory.get();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        RetryConfig retry = config.retry();
        request.thenCompose(r -> config.httpClient().sendAsync(r,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)))
                .whenComplete((response, failure) -> {
                    try {
                        if (failure != null) {
                            Throwable cause = Futures.unwrap(failure);
                            if (!(cause instanceof IOException)) {
                                result.completeExceptionally(cause);
                                return;
                            }
                            ApiConnectionException connection = new ApiConnectionException(
                                    "No answer to " + label + ": " + cause, cause);
                            if (retrySafe && retry.retryOnConnectionErrors() && attempt <= retry.maxRetries()) {
                                later(retry.delayBefore(attempt, null),
                                        () -> attempt(factory, retrySafe, label, attempt + 1, result), result);
                                return;
                            }
                            result.completeExceptionally(attempt > 1
                                    ? new RetryExhaustedException(attempt, null, connection) : connection);
                            return;
                        }
                        int status = response.statusCode();
                        if (retrySafe && retry.isRetryableStatus(status)) {
                            if (attempt <= retry.maxRetries()) {
                                Duration wait = retry.delayBefore(attempt,
                                        ErrorMapper.retryAfter(response, config.clock()));
                                later(wait, () -> attempt(factory, retrySafe, label, attempt + 1, result), result);
                                return;
                            }
                            if (attempt > 1) {
                                result.completeExceptionally(new RetryExhaustedException(attempt, status,
                                        ErrorMapper.map(response, config.clock())));
                                return;
                            }
                        }
                        result.complete(response);
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                });
    }

    private void later(Duration delay, Runnable task, CompletableFuture<?> result) {
        try {
            scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the KeyStone client is closed", e));
        }
    }

    private <T> CompletableFuture<T> track(CompletableFuture<T> future) {
        pending.add(future);
        future.whenComplete((value, failure) -> pending.remove(future));
        if (closed) {
            future.completeExceptionally(new IllegalStateException("the KeyStone client is closed"));
        }
        return future;
    }

    /**
     * Throws if the client is closed.
     *
     * @throws IllegalStateException when closed
     */
    public void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the KeyStone client is closed");
        }
    }

    /**
     * Stops the retry scheduler and fails every call still waiting with {@link IllegalStateException}.
     */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        for (CompletableFuture<?> future : pending) {
            future.completeExceptionally(new IllegalStateException("the KeyStone client was closed"));
        }
        pending.clear();
    }
}
