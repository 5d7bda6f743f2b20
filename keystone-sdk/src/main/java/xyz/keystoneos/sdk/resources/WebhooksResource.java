package xyz.keystoneos.sdk.resources;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import xyz.keystoneos.sdk.IdempotencyKeys;
import xyz.keystoneos.sdk.internal.ApiRequest;
import xyz.keystoneos.sdk.internal.Json;
import xyz.keystoneos.sdk.internal.Query;
import xyz.keystoneos.sdk.internal.Transport;
import xyz.keystoneos.sdk.model.CreateWebhookRequest;
import xyz.keystoneos.sdk.model.DeliveryListParams;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.PageParams;
import xyz.keystoneos.sdk.model.ReplayResult;
import xyz.keystoneos.sdk.model.RotatedSecret;
import xyz.keystoneos.sdk.model.UpdateWebhookRequest;
import xyz.keystoneos.sdk.model.WebhookDelivery;
import xyz.keystoneos.sdk.model.WebhookEndpoint;
import xyz.keystoneos.sdk.model.WebhookTestResult;

/**
 * {@code /v1/platforms/me/webhooks} (asynchronous): the webhook endpoints of your environment, their delivery log,
 * tests, secret rotation and replays (scope {@code platform:webhooks:manage}). Obtain it from
 * {@link xyz.keystoneos.sdk.KeystoneClient#webhooks()}. To verify received webhooks use the static
 * {@link xyz.keystoneos.sdk.Webhooks}.
 */
public final class WebhooksResource {

    private static final String PATH = "/v1/platforms/me/webhooks";

    private final Transport transport;

    /**
     * Creates the resource (internal; use {@link xyz.keystoneos.sdk.KeystoneClient#webhooks()}).
     *
     * @param transport the client's transport
     */
    public WebhooksResource(Transport transport) {
        this.transport = transport;
    }

    private static String endpoint(String id) {
        return PATH + "/" + ApiRequest.segment(id, "endpointId");
    }

    /**
     * Creates an endpoint. The answer is the only one carrying its {@link WebhookEndpoint#secret() secret}: store it.
     * Without an idempotency key in the request, one is generated for this call so its retries are safe.
     *
     * @param request the endpoint
     * @return the new endpoint with its secret
     * @throws NullPointerException if {@code request} is {@code null}
     */
    public CompletableFuture<WebhookEndpoint> create(CreateWebhookRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        CreateWebhookRequest keyed = request.idempotencyKey() == null
                ? request.withIdempotencyKey(IdempotencyKeys.generate()) : request;
        return transport.call(ApiRequest.post(PATH, keyed, keyed.idempotencyKey()),
                Json.get().type(WebhookEndpoint.class));
    }

    /**
     * Returns the first page of endpoints, oldest first.
     *
     * @return the page
     */
    public CompletableFuture<Page<WebhookEndpoint>> list() {
        return list(PageParams.DEFAULT);
    }

    /**
     * Returns a page of endpoints, oldest first.
     *
     * @param page paging
     * @return the page
     * @throws NullPointerException if {@code page} is {@code null}
     */
    public CompletableFuture<Page<WebhookEndpoint>> list(PageParams page) {
        Objects.requireNonNull(page, "page must not be null");
        return transport.call(ApiRequest.get(PATH, new Query().page(page)),
                Json.get().pageOf(WebhookEndpoint.class));
    }

    /**
     * Returns an endpoint (without its secret).
     *
     * @param endpointId the endpoint id
     * @return the endpoint
     * @throws NullPointerException     if {@code endpointId} is {@code null}
     * @throws IllegalArgumentException if {@code endpointId} is blank
     */
    public CompletableFuture<WebhookEndpoint> get(String endpointId) {
        return transport.call(ApiRequest.get(endpoint(endpointId), null), Json.get().type(WebhookEndpoint.class));
    }

    /**
     * Changes an endpoint ({@code PATCH}; not retried).
     *
     * @param endpointId the endpoint id
     * @param request    the changes
     * @return the changed endpoint
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code endpointId} is blank
     */
    public CompletableFuture<WebhookEndpoint> update(String endpointId, UpdateWebhookRequest request) {
        String path = endpoint(endpointId);
        Objects.requireNonNull(request, "request must not be null");
        return transport.call(ApiRequest.patch(path, request), Json.get().type(WebhookEndpoint.class));
    }

    /**
     * Deletes an endpoint with its delivery log.
     *
     * @param endpointId the endpoint id
     * @return completes when deleted
     * @throws NullPointerException     if {@code endpointId} is {@code null}
     * @throws IllegalArgumentException if {@code endpointId} is blank
     */
    public CompletableFuture<Void> delete(String endpointId) {
        return transport.call(ApiRequest.delete(endpoint(endpointId)), null);
    }

    /**
     * Sends a {@code test.ping} to the endpoint now and reports how it answered (nothing is stored; not retried).
     *
     * @param endpointId the endpoint id
     * @return the endpoint's answer
     * @throws NullPointerException     if {@code endpointId} is {@code null}
     * @throws IllegalArgumentException if {@code endpointId} is blank
     */
    public CompletableFuture<WebhookTestResult> test(String endpointId) {
        return transport.call(ApiRequest.post(endpoint(endpointId) + "/test", null, null),
                Json.get().type(WebhookTestResult.class));
    }

    /**
     * Rotates the signing secret to a generated one; the old secret keeps signing (as
     * {@code X-Keystone-Signature-Previous}) for 24 hours. Not retried.
     *
     * @param endpointId the endpoint id
     * @return the new secret (shown once)
     * @throws NullPointerException     if {@code endpointId} is {@code null}
     * @throws IllegalArgumentException if {@code endpointId} is blank
     */
    public CompletableFuture<RotatedSecret> rotateSecret(String endpointId) {
        return transport.call(ApiRequest.post(endpoint(endpointId) + "/rotate-secret", null, null),
                Json.get().type(RotatedSecret.class));
    }

    /**
     * Rotates the signing secret to one you chose.
     *
     * @param endpointId the endpoint id
     * @param newSecret  {@code whsec_} + base64 of 24 to 64 random bytes
     * @return the new secret
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if an argument is blank
     */
    public CompletableFuture<RotatedSecret> rotateSecret(String endpointId, String newSecret) {
        String path = endpoint(endpointId);
        Objects.requireNonNull(newSecret, "newSecret must not be null");
        if (newSecret.isBlank()) {
            throw new IllegalArgumentException("newSecret must not be blank");
        }
        return transport.call(ApiRequest.post(path + "/rotate-secret", Map.of("secret", newSecret), null),
                Json.get().type(RotatedSecret.class));
    }

    /**
     * Returns the first page of the endpoint's delivery log, newest first.
     *
     * @param endpointId the endpoint id
     * @return the page
     */
    public CompletableFuture<Page<WebhookDelivery>> deliveries(String endpointId) {
        return deliveries(endpointId, DeliveryListParams.ALL);
    }

    /**
     * Returns a page of the endpoint's delivery log, newest first, each delivery with its attempts.
     *
     * @param endpointId the endpoint id
     * @param params     filters and paging
     * @return the page
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code endpointId} is blank
     */
    public CompletableFuture<Page<WebhookDelivery>> deliveries(String endpointId, DeliveryListParams params) {
        String path = endpoint(endpointId);
        Objects.requireNonNull(params, "params must not be null");
        Query query = new Query()
                .add("status", params.status() == null ? null : params.status().wireValue())
                .add("event", params.eventType())
                .page(params.page());
        return transport.call(ApiRequest.get(path + "/deliveries", query), Json.get().pageOf(WebhookDelivery.class));
    }

    /**
     * Sends a delivery again as soon as possible (back to {@code pending}); not retried by the SDK.
     *
     * @param endpointId the endpoint id
     * @param deliveryId the delivery id
     * @return the delivery, pending
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if an argument is blank
     */
    public CompletableFuture<WebhookDelivery> retryDelivery(String endpointId, String deliveryId) {
        String path = endpoint(endpointId) + "/deliveries/" + ApiRequest.segment(deliveryId, "deliveryId")
                + "/retry";
        return transport.call(ApiRequest.post(path, null, null), Json.get().type(WebhookDelivery.class));
    }

    /**
     * Queues again every event of the environment in {@code [since, until)} the endpoint subscribes to (at most 30
     * days).
     *
     * @param endpointId the endpoint id
     * @param since      start, inclusive
     * @param until      end, exclusive, after {@code since}
     * @return how many deliveries were queued
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code endpointId} is blank or {@code until} is not after {@code since}
     */
    public CompletableFuture<ReplayResult> replay(String endpointId, Instant since, Instant until) {
        String path = endpoint(endpointId);
        Objects.requireNonNull(since, "since must not be null");
        Objects.requireNonNull(until, "until must not be null");
        if (!until.isAfter(since)) {
            throw new IllegalArgumentException("until must be after since");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("since", since.toString());
        body.put("until", until.toString());
        return transport.call(ApiRequest.post(path + "/replay", body, null), Json.get().type(ReplayResult.class));
    }
}
