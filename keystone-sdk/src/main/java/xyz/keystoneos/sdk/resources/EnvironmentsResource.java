package xyz.keystoneos.sdk.resources;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import xyz.keystoneos.sdk.IdempotencyKeys;
import xyz.keystoneos.sdk.internal.ApiRequest;
import xyz.keystoneos.sdk.internal.Json;
import xyz.keystoneos.sdk.internal.Query;
import xyz.keystoneos.sdk.internal.Transport;
import xyz.keystoneos.sdk.model.CreateEnvironmentRequest;
import xyz.keystoneos.sdk.model.Environment;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.PageParams;
import xyz.keystoneos.sdk.model.UpdateEnvironmentRequest;

/**
 * {@code /v1/platforms/me/environments} (asynchronous): the environments of your platform (scope
 * {@code platform:environments:manage}; listing also with {@code platform:read}). Obtain it from
 * {@link xyz.keystoneos.sdk.KeystoneClient#environments()}.
 */
public final class EnvironmentsResource {

    private static final String PATH = "/v1/platforms/me/environments";

    private final Transport transport;

    /**
     * Creates the resource (internal; use {@link xyz.keystoneos.sdk.KeystoneClient#environments()}).
     *
     * @param transport the client's transport
     */
    public EnvironmentsResource(Transport transport) {
        this.transport = transport;
    }

    private static String environment(String id) {
        return PATH + "/" + ApiRequest.segment(id, "environmentId");
    }

    /**
     * Creates an environment. Without an idempotency key in the request, one is generated for this call so its
     * retries are safe.
     *
     * @param request the environment
     * @return the new environment; fails with {@link xyz.keystoneos.sdk.ConflictException}
     *         ({@code environment_slug_taken}) when the slug is in use
     * @throws NullPointerException if {@code request} is {@code null}
     */
    public CompletableFuture<Environment> create(CreateEnvironmentRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        CreateEnvironmentRequest keyed = request.idempotencyKey() == null
                ? request.withIdempotencyKey(IdempotencyKeys.generate()) : request;
        return transport.call(ApiRequest.post(PATH, keyed, keyed.idempotencyKey()),
                Json.get().type(Environment.class));
    }

    /**
     * Returns the first page of your platform's environments.
     *
     * @return the page
     */
    public CompletableFuture<Page<Environment>> list() {
        return list(PageParams.DEFAULT);
    }

    /**
     * Returns a page of your platform's environments.
     *
     * @param page paging
     * @return the page
     * @throws NullPointerException if {@code page} is {@code null}
     */
    public CompletableFuture<Page<Environment>> list(PageParams page) {
        Objects.requireNonNull(page, "page must not be null");
        return transport.call(ApiRequest.get(PATH, new Query().page(page)), Json.get().pageOf(Environment.class));
    }

    /**
     * Returns an environment.
     *
     * @param environmentId the environment id
     * @return the environment
     * @throws NullPointerException     if {@code environmentId} is {@code null}
     * @throws IllegalArgumentException if {@code environmentId} is blank
     */
    public CompletableFuture<Environment> get(String environmentId) {
        return transport.call(ApiRequest.get(environment(environmentId), null), Json.get().type(Environment.class));
    }

    /**
     * Changes an environment ({@code PATCH}; not retried).
     *
     * @param environmentId the environment id
     * @param request       the changes
     * @return the changed environment
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code environmentId} is blank
     */
    public CompletableFuture<Environment> update(String environmentId, UpdateEnvironmentRequest request) {
        String path = environment(environmentId);
        Objects.requireNonNull(request, "request must not be null");
        return transport.call(ApiRequest.patch(path, request), Json.get().type(Environment.class));
    }

    /**
     * Deactivates an environment: its data stays, its M2M clients can no longer authenticate. Not retried.
     *
     * @param environmentId the environment id
     * @return the environment, inactive; fails with {@link xyz.keystoneos.sdk.ConflictException}
     *         ({@code cannot_deactivate_own_environment}) for the environment of your own credentials
     * @throws NullPointerException     if {@code environmentId} is {@code null}
     * @throws IllegalArgumentException if {@code environmentId} is blank
     */
    public CompletableFuture<Environment> deactivate(String environmentId) {
        return transport.call(ApiRequest.post(environment(environmentId) + "/deactivate", null, null),
                Json.get().type(Environment.class));
    }

    /**
     * Re-activates an environment. Not retried.
     *
     * @param environmentId the environment id
     * @return the environment, active
     * @throws NullPointerException     if {@code environmentId} is {@code null}
     * @throws IllegalArgumentException if {@code environmentId} is blank
     */
    public CompletableFuture<Environment> reactivate(String environmentId) {
        return transport.call(ApiRequest.post(environment(environmentId) + "/reactivate", null, null),
                Json.get().type(Environment.class));
    }
}
