package xyz.keystoneos.sdk.resources;

import static xyz.keystoneos.sdk.internal.Futures.await;

import java.util.Objects;
import xyz.keystoneos.sdk.model.CreateSessionRequest;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.PageParams;
import xyz.keystoneos.sdk.model.Session;

/**
 * {@code /v1/sessions}, blocking: see {@link SessionsResource}. Obtain it from
 * {@link xyz.keystoneos.sdk.KeystoneSyncClient#sessions()}.
 */
public final class SessionsSyncResource {

    private final SessionsResource async;

    /**
     * Wraps the asynchronous resource (internal; use {@link xyz.keystoneos.sdk.KeystoneSyncClient#sessions()}).
     *
     * @param async the asynchronous resource
     */
    public SessionsSyncResource(SessionsResource async) {
        this.async = Objects.requireNonNull(async, "async");
    }

    /**
     * Creates a session token with the defaults.
     *
     * @return the session with its access token
     */
    public Session create() {
        return await(async.create());
    }

    /**
     * Creates a session token.
     *
     * @param request scopes, lifetime and settlement restriction
     * @return the session with its access token
     */
    public Session create(CreateSessionRequest request) {
        return await(async.create(request));
    }

    /**
     * Returns a session.
     *
     * @param sessionId the session id
     * @return the session
     */
    public Session get(String sessionId) {
        return await(async.get(sessionId));
    }

    /**
     * Returns the first page of sessions.
     *
     * @return the page
     */
    public Page<Session> list() {
        return await(async.list());
    }

    /**
     * Returns a page of sessions.
     *
     * @param page paging
     * @return the page
     */
    public Page<Session> list(PageParams page) {
        return await(async.list(page));
    }

    /**
     * Revokes a session.
     *
     * @param sessionId the session id
     */
    public void revoke(String sessionId) {
        await(async.revoke(sessionId));
    }
}
