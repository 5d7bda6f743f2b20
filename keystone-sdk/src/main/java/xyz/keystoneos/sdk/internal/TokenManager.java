package xyz.keystoneos.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import xyz.keystoneos.sdk.ApiException;
import xyz.keystoneos.sdk.AuthenticationException;
import xyz.keystoneos.sdk.RetryExhaustedException;

/**
 * Fetches and caches the access token (internal). A cached token is used until 60 seconds before it expires (for
 * tokens living two minutes or less: until half their lifetime); concurrent callers needing a new token share one
 * fetch (single flight). Thread-safe.
 */
public final class TokenManager {

    /** How long before expiry a token is refreshed. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private final Transport transport;
    private final ClientConfig config;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private CachedToken current;
    /** Guarded by {@link #lock}. */
    private CompletableFuture<String> inFlight;

    TokenManager(Transport transport, ClientConfig config) {
        this.transport = transport;
        this.config = config;
    }

    private record CachedToken(String value, Instant refreshAt) {
    }

    /**
     * Returns a valid access token: the cached one, the fetch already running, or a new fetch.
     *
     * @return the token; fails with {@link AuthenticationException} when the token endpoint refuses, or with
     *         {@link xyz.keystoneos.sdk.ApiConnectionException} / {@link RetryExhaustedException} without an answer
     */
    public CompletableFuture<String> token() {
        CompletableFuture<String> mine;
        synchronized (lock) {
            if (current != null && config.clock().instant().isBefore(current.refreshAt())) {
                return CompletableFuture.completedFuture(current.value());
            }
            if (inFlight != null) {
                return inFlight.copy();
            }
            mine = new CompletableFuture<>();
            inFlight = mine;
        }
        CompletableFuture<CachedToken> fetch;
        try {
            fetch = fetch();
        } catch (RuntimeException e) {
            fetch = CompletableFuture.failedFuture(e);
        }
        fetch.whenComplete((token, failure) -> {
            synchronized (lock) {
                if (failure == null) {
                    current = token;
                }
                inFlight = null;
            }
            if (failure != null) {
                mine.completeExceptionally(Futures.unwrap(failure));
            } else {
                mine.complete(token.value());
            }
        });
        return mine.copy();
    }

    /**
     * Forgets a token the API refused (401), unless another caller has already replaced it.
     *
     * @param token the refused token, may be {@code null}
     */
    public void invalidate(String token) {
        synchronized (lock) {
            if (current != null && current.value().equals(token)) {
                current = null;
            }
        }
    }

    private CompletableFuture<CachedToken> fetch() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "client_credentials");
        body.put("client_id", config.clientId());
        body.put("client_secret", config.clientSecret());
        body.put("audience", config.audience());
        String json = Json.get().write(body);
        HttpRequest request = HttpRequest.newBuilder(config.tokenUri())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", config.userAgent())
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        Instant requestedAt = config.clock().instant();
        return transport.exchange(() -> CompletableFuture.completedFuture(request), true,
                        "POST " + config.tokenUri())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = Futures.unwrap(failure);
                        if (cause instanceof RetryExhaustedException exhausted && exhausted.lastStatus() != null
                                && exhausted.getCause() instanceof ApiException api) {
                            throw asAuthentication(api, exhausted);
                        }
                        throw cause instanceof RuntimeException runtime ? runtime
                                : new java.util.concurrent.CompletionException(cause);
                    }
                    if (response.statusCode() < 200 || response.statusCode() >= 300) {
                        throw asAuthentication(ErrorMapper.map(response, config.clock()), null);
                    }
                    return parse(response, requestedAt);
                });
    }

    private static AuthenticationException asAuthentication(ApiException api, Throwable cause) {
        if (api instanceof AuthenticationException authentication && cause == null) {
            return authentication;
        }
        AuthenticationException authentication = new AuthenticationException(api.statusCode(), api.code(),
                api.message() == null ? "Token request failed" : api.message(), api.detail(), api.responseBody(),
                api.requestId(), api.fieldErrors());
        authentication.initCause(cause == null ? api : cause);
        return authentication;
    }

    private CachedToken parse(HttpResponse<String> response, Instant requestedAt) {
        JsonNode node = Json.get().treeOrNull(response.body());
        JsonNode token = node == null ? null : node.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new AuthenticationException(response.statusCode(), "invalid_token_response",
                    "Token response without access_token", "The token endpoint answered without an access_token",
                    response.body(), response.headers().firstValue("X-Request-Id").orElse(null), null);
        }
        long expiresIn = node.path("expires_in").canConvertToLong() ? node.path("expires_in").asLong() : 3600;
        Duration lifetime = Duration.ofSeconds(Math.max(0, expiresIn));
        Duration margin = lifetime.compareTo(REFRESH_MARGIN.multipliedBy(2)) > 0 ? REFRESH_MARGIN
                : lifetime.dividedBy(2);
        return new CachedToken(token.asText(), requestedAt.plus(lifetime).minus(margin));
    }
}
