package xyz.keystoneos.sdk.resources;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import xyz.keystoneos.sdk.internal.ApiRequest;
import xyz.keystoneos.sdk.internal.Json;
import xyz.keystoneos.sdk.internal.Query;
import xyz.keystoneos.sdk.internal.Transport;
import xyz.keystoneos.sdk.model.CreateSessionRequest;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.PageParams;
import xyz.keystoneos.sdk.model.Session;

/**
 * {@code /v1/sessions} (asynchronous): short-lived tokens for a browser, with a subset of your scopes and optionally
 * restricted to some settlements. Obtain it from {@link xyz.keystoneos.sdk.KeystoneClient#sessions()}.
 */
public final class SessionsResource {

    private static final String PATH = "/v1/sessions";

    private final Transport transport;

    /**
     * Creates the resource (internal; use {@link xyz.keystoneos.sdk.KeystoneClient#sessions()}).
     *
     * @param transport the client's transport
     */
    public SessionsResource(Transport transport) {
        this.transport = transport;
    }

    /**
     * Creates a session token with the defaults ({@code instructions:read instructions:write}, one hour).
     *
     * @return the session with its {@link Session#accessToken() access token}
     */
    public CompletableFuture<Session> create() {
        return create(CreateSessionRequest.builder().build());
    }

    /**
     * Creates a session token; not retried (the server takes no idempotency key here).
     *
     * @param request scopes, lifetime and settlement restriction
     * @return the session with its access token (shown once); fails with
     *         {@link xyz.keystoneos.sdk.ForbiddenException} ({@code scope_not_held}) for a scope you do not hold
     * @throws NullPointerException if {@code request} is {@code null}
     */
    public CompletableFuture<Session> create(CreateSessionRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        return transport.call(ApiRequest.post(PATH, request, null), Json.get().type(Session.class));
    }

    /**
     * Returns a session (without its token).
     *
     * @param sessionId the session id
     * @return the session
     * @throws NullPointerException     if {@code sessionId} is {@code null}
     * @throws IllegalArgumentException if {@code sessionId} is blank
     */
    public CompletableFuture<Session> get(String sessionId) {
        return transport.call(ApiRequest.get(PATH + "/" + ApiRequest.segment(sessionId, "sessionId"), null),
                Json.get().type(Session.class));
    }

    /**
     * Returns the first page of your environment's sessions.
     *
     * @return the page
     */
    public CompletableFuture<Page<Session>> list() {
        return list(PageParams.DEFAULT);
    }

    /**
     * Returns a page of your environment's sessions.
     *
     * @param page paging
     * @return the page
     * @throws NullPointerException if {@code page} is {@code null}
     */
    public CompletableFuture<Page<Session>> list(PageParams page) {
        Objects.requireNonNull(page, "page must not be null");
        return transport.call(ApiRequest.get(PATH, new Query().page(page)), Json.get().pageOf(Session.class));
    }

    /**
     * Revokes a session: its token is refused from the next request on.
     *
     * @param sessionId the session id
     * @return completes when revoked
     * @throws NullPointerException     if {@code sessionId} is {@code null}
     * @throws IllegalArgumentException if {@code sessionId} is blank
     */
    public CompletableFuture<Void> revoke(String sessionId) {
        return transport.call(ApiRequest.delete(PATH + "/" + ApiRequest.segment(sessionId, "sessionId")), null);
    }
}
