package xyz.keystoneos.sdk.resources;

import static xyz.keystoneos.sdk.internal.Futures.await;

import java.time.Instant;
import java.util.Objects;
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
 * {@code /v1/platforms/me/webhooks}, blocking: see {@link WebhooksResource}. Obtain it from
 * {@link xyz.keystoneos.sdk.KeystoneSyncClient#webhooks()}.
 */
public final class WebhooksSyncResource {

    private final WebhooksResource async;

    /**
     * Wraps the asynchronous resource (internal; use {@link xyz.keystoneos.sdk.KeystoneSyncClient#webhooks()}).
     *
     * @param async the asynchronous resource
     */
    public WebhooksSyncResource(WebhooksResource async) {
        this.async = Objects.requireNonNull(async, "async");
    }

    /**
     * Creates an endpoint; the answer carries its secret (once).
     *
     * @param request the endpoint
     * @return the new endpoint
     */
    public WebhookEndpoint create(CreateWebhookRequest request) {
        return await(async.create(request));
    }

    /**
     * Returns the first page of endpoints.
     *
     * @return the page
     */
    public Page<WebhookEndpoint> list() {
        return await(async.list());
    }

    /**
     * Returns a page of endpoints.
     *
     * @param page paging
     * @return the page
     */
    public Page<WebhookEndpoint> list(PageParams page) {
        return await(async.list(page));
    }

    /**
     * Returns an endpoint.
     *
     * @param endpointId the endpoint id
     * @return the endpoint
     */
    public WebhookEndpoint get(String endpointId) {
        return await(async.get(endpointId));
    }

    /**
     * Changes an endpoint.
     *
     * @param endpointId the endpoint id
     * @param request    the changes
     * @return the changed endpoint
     */
    public WebhookEndpoint update(String endpointId, UpdateWebhookRequest request) {
        return await(async.update(endpointId, request));
    }

    /**
     * Deletes an endpoint.
     *
     * @param endpointId the endpoint id
     */
    public void delete(String endpointId) {
        await(async.delete(endpointId));
    }

    /**
     * Sends a {@code test.ping} now.
     *
     * @param endpointId the endpoint id
     * @return how the endpoint answered
     */
    public WebhookTestResult test(String endpointId) {
        return await(async.test(endpointId));
    }

    /**
     * Rotates the signing secret to a generated one.
     *
     * @param endpointId the endpoint id
     * @return the new secret
     */
    public RotatedSecret rotateSecret(String endpointId) {
        return await(async.rotateSecret(endpointId));
    }

    /**
     * Rotates the signing secret to one you chose.
     *
     * @param endpointId the endpoint id
     * @param newSecret  the new secret
     * @return the rotation
     */
    public RotatedSecret rotateSecret(String endpointId, String newSecret) {
        return await(async.rotateSecret(endpointId, newSecret));
    }

    /**
     * Returns the first page of the delivery log.
     *
     * @param endpointId the endpoint id
     * @return the page
     */
    public Page<WebhookDelivery> deliveries(String endpointId) {
        return await(async.deliveries(endpointId));
    }

    /**
     * Returns a page of the delivery log.
     *
     * @param endpointId the endpoint id
     * @param params     filters and paging
     * @return the page
     */
    public Page<WebhookDelivery> deliveries(String endpointId, DeliveryListParams params) {
        return await(async.deliveries(endpointId, params));
    }

    /**
     * Sends a delivery again as soon as possible.
     *
     * @param endpointId the endpoint id
     * @param deliveryId the delivery id
     * @return the delivery
     */
    public WebhookDelivery retryDelivery(String endpointId, String deliveryId) {
        return await(async.retryDelivery(endpointId, deliveryId));
    }

    /**
     * Queues again the events of a time window.
     *
     * @param endpointId the endpoint id
     * @param since      start, inclusive
     * @param until      end, exclusive
     * @return how many deliveries were queued
     */
    public ReplayResult replay(String endpointId, Instant since, Instant until) {
        return await(async.replay(endpointId, since, until));
    }
}
