package xyz.keystoneos.sdk.resources;

import static xyz.keystoneos.sdk.internal.Futures.await;

import java.util.Objects;
import xyz.keystoneos.sdk.model.CreateEnvironmentRequest;
import xyz.keystoneos.sdk.model.Environment;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.PageParams;
import xyz.keystoneos.sdk.model.UpdateEnvironmentRequest;

/**
 * {@code /v1/platforms/me/environments}, blocking: see {@link EnvironmentsResource}. Obtain it from
 * {@link xyz.keystoneos.sdk.KeystoneSyncClient#environments()}.
 */
public final class EnvironmentsSyncResource {

    private final EnvironmentsResource async;

    /**
     * Wraps the asynchronous resource (internal; use {@link xyz.keystoneos.sdk.KeystoneSyncClient#environments()}).
     *
     * @param async the asynchronous resource
     */
    public EnvironmentsSyncResource(EnvironmentsResource async) {
        this.async = Objects.requireNonNull(async, "async");
    }

    /**
     * Creates an environment.
     *
     * @param request the environment
     * @return the new environment
     */
    public Environment create(CreateEnvironmentRequest request) {
        return await(async.create(request));
    }

    /**
     * Returns the first page of environments.
     *
     * @return the page
     */
    public Page<Environment> list() {
        return await(async.list());
    }

    /**
     * Returns a page of environments.
     *
     * @param page paging
     * @return the page
     */
    public Page<Environment> list(PageParams page) {
        return await(async.list(page));
    }

    /**
     * Returns an environment.
     *
     * @param environmentId the environment id
     * @return the environment
     */
    public Environment get(String environmentId) {
        return await(async.get(environmentId));
    }

    /**
     * Changes an environment.
     *
     * @param environmentId the environment id
     * @param request       the changes
     * @return the changed environment
     */
    public Environment update(String environmentId, UpdateEnvironmentRequest request) {
        return await(async.update(environmentId, request));
    }

    /**
     * Deactivates an environment.
     *
     * @param environmentId the environment id
     * @return the environment, inactive
     */
    public Environment deactivate(String environmentId) {
        return await(async.deactivate(environmentId));
    }

    /**
     * Re-activates an environment.
     *
     * @param environmentId the environment id
     * @return the environment, active
     */
    public Environment reactivate(String environmentId) {
        return await(async.reactivate(environmentId));
    }
}
