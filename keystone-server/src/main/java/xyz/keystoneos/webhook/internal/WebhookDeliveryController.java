package xyz.keystoneos.webhook.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;
import xyz.keystoneos.webhook.EventTypes;
import xyz.keystoneos.webhook.internal.WebhookViews.DeliveryView;

/**
 * The delivery log of an endpoint and how to send again: {@code GET …/deliveries}, {@code POST
 * …/deliveries/{delivery_id}/retry}, {@code POST …/replay} (scope {@code platform:webhooks:manage}).
 */
@RestController
@RequestMapping("/v1/platforms/me/webhooks/{endpoint_id}")
class WebhookDeliveryController {

    private final WebhookEndpoints endpoints;
    private final DeliveryLog log;
    private final TransactionTemplate transactions;

    WebhookDeliveryController(WebhookEndpoints endpoints, DeliveryLog log, TransactionTemplate transactions) {
        this.endpoints = endpoints;
        this.log = log;
        this.transactions = transactions;
    }

    /** The endpoint's deliveries, newest first, each with its attempt log; filters {@code status}, {@code event}. */
    @GetMapping("/deliveries")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    Page<DeliveryView> deliveries(@PathVariable("endpoint_id") String endpointId,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "event", required = false) String event,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        PageQuery query = PageQuery.of(limit, offset, startingAfter);
        if (status != null && !DeliveryLog.STATUSES.contains(status)) {
            throw ApiException.invalidFields(List.of(new FieldError("status",
                    "must be one of " + String.join(", ", DeliveryLog.STATUSES))));
        }
        if (event != null && !EventTypes.ALL.contains(event)) {
            throw ApiException.invalidFields(List.of(new FieldError("event",
                    "must be an event type: one of " + String.join(", ", EventTypes.ALL))));
        }
        Endpoint endpoint = endpoints.require(endpointId, caller.requireEnvironment());
        UUID after = null;
        if (startingAfter != null) {
            after = WebhookEndpoints.parse(startingAfter)
                    .filter(id -> log.find(id, endpoint.id()).isPresent())
                    .orElseThrow(() -> ApiException.invalidFields(List.of(new FieldError("starting_after",
                            "must be the id of a delivery of this endpoint (the last item of the previous page)"))));
        }
        DeliveryLog.Filter filter = new DeliveryLog.Filter(status, event);
        List<DeliveryLog.Delivery> page = log.list(endpoint.id(), filter, after, query.limit(), query.offset());
        return Page.of(views(page), log.count(endpoint.id(), filter), query);
    }

    /**
     * Sends the delivery again as soon as possible: back to {@code pending}, due now. 409
     * {@code webhook_endpoint_disabled} while the endpoint is inactive (re-activate it first).
     */
    @PostMapping("/deliveries/{delivery_id}/retry")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    DeliveryView retry(@PathVariable("endpoint_id") String endpointId,
            @PathVariable("delivery_id") String deliveryId, Caller caller) {
        Endpoint endpoint = endpoints.require(endpointId, caller.requireEnvironment());
        UUID id = WebhookEndpoints.parse(deliveryId).filter(d -> log.find(d, endpoint.id()).isPresent())
                .orElseThrow(() -> deliveryNotFound(deliveryId));
        requireActive(endpoint);
        transactions.executeWithoutResult(status -> {
            if (!log.retry(id, endpoint.id())) {
                throw deliveryNotFound(deliveryId);
            }
            log.notifyDispatchers();
        });
        return views(List.of(log.find(id, endpoint.id()).orElseThrow(() -> deliveryNotFound(deliveryId))))
                .getFirst();
    }

    /**
     * Queues again every event of the environment recorded in {@code [since, until)} that the endpoint subscribes to
     * (by its current {@code events}), whether or not it was delivered before. 409 {@code webhook_endpoint_disabled}
     * while the endpoint is inactive.
     */
    @PostMapping("/replay")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    WebhookViews.ReplayResult replay(@PathVariable("endpoint_id") String endpointId,
            @RequestBody WebhookRequests.Replay request, Caller caller) {
        UUID environment = caller.requireEnvironment();
        WebhookRequests.Replay.Window window = request.check();
        Endpoint endpoint = endpoints.require(endpointId, environment);
        requireActive(endpoint);
        int replayed = transactions.execute(status -> {
            int queued = log.replay(endpoint.id(), window.since(), window.until());
            if (queued > 0) {
                log.notifyDispatchers();
            }
            return queued;
        });
        return new WebhookViews.ReplayResult(replayed);
    }

    private List<DeliveryView> views(List<DeliveryLog.Delivery> deliveries) {
        Map<UUID, List<WebhookViews.AttemptView>> attempts = log.attempts(
                deliveries.stream().map(DeliveryLog.Delivery::id).toList());
        return deliveries.stream().map(d -> new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status(),
                d.attempts(), d.status().equals("pending") ? d.nextAttemptAt() : null, d.lastStatusCode(),
                d.lastError(), d.lastAttemptAt(), d.createdAt(), d.completedAt(), attempts.get(d.id()))).toList();
    }

    private static void requireActive(Endpoint endpoint) {
        if (!endpoint.isActive()) {
            throw ApiException.conflict("webhook_endpoint_disabled", "The webhook endpoint is disabled"
                    + (endpoint.disabledReason() == null ? "" : " (" + endpoint.disabledReason() + ")")
                    + "; re-activate it with PATCH {\"is_active\": true} first");
        }
    }

    private static ApiException deliveryNotFound(String id) {
        return ApiException.notFound("webhook_delivery_not_found", "No delivery " + id + " for this webhook endpoint");
    }
}
