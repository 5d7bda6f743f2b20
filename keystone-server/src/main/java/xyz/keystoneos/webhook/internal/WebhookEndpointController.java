package xyz.keystoneos.webhook.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.identity.RequiresScope;
import xyz.keystoneos.identity.Scopes;
import xyz.keystoneos.shared.idempotency.Idempotency;
import xyz.keystoneos.shared.idempotency.IdempotencyKeys;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;
import xyz.keystoneos.webhook.internal.WebhookViews.EndpointView;

/**
 * {@code /v1/platforms/me/webhooks}: the webhook endpoints of the caller's environment (scope
 * {@code platform:webhooks:manage}) — create, list, read, change, delete, rotate the secret, send a test ping.
 */
@RestController
@RequestMapping("/v1/platforms/me/webhooks")
class WebhookEndpointController {

    static final String CREATE_OPERATION = "webhook_endpoints.create";

    private final WebhookEndpoints endpoints;
    private final EndpointTester tester;
    private final Idempotency idempotency;

    WebhookEndpointController(WebhookEndpoints endpoints, EndpointTester tester, Idempotency idempotency) {
        this.endpoints = endpoints;
        this.tester = tester;
        this.idempotency = idempotency;
    }

    /**
     * 201 with the endpoint and its {@code secret} (the only answer that shows it). With an idempotency key, a
     * repeat of the same request answers 200 with the endpoint and its current secret.
     */
    @PostMapping
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    ResponseEntity<EndpointView> create(@RequestBody WebhookRequests.CreateEndpoint request,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String headerKey, Caller caller) {
        String key = IdempotencyKeys.resolve(request.idempotencyKey(), headerKey, false);
        UUID environment = caller.requireEnvironment();
        endpoints.check(request);
        if (key == null) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(EndpointView.withSecret(endpoints.create(caller.platformId(), environment, request)));
        }
        return idempotency.execute(environment.toString(), CREATE_OPERATION, key, request, () -> {
            Endpoint created = endpoints.create(caller.platformId(), environment, request);
            return new Idempotency.Created<>(created.id().toString(), EndpointView.withSecret(created));
        }, id -> endpoints.find(UUID.fromString(id), environment).map(EndpointView::withSecret)).toResponse();
    }

    /** The environment's endpoints, oldest first. */
    @GetMapping
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    Page<EndpointView> list(@RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        PageQuery query = PageQuery.of(limit, offset, startingAfter);
        UUID environment = caller.requireEnvironment();
        UUID after = startingAfter == null ? null : endpoints.cursor(startingAfter, environment);
        List<EndpointView> items = endpoints.list(environment, after, query.limit(), query.offset()).stream()
                .map(EndpointView::of).toList();
        return Page.of(items, endpoints.count(environment), query);
    }

    @GetMapping("/{endpoint_id}")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    EndpointView get(@PathVariable("endpoint_id") String endpointId, Caller caller) {
        return EndpointView.of(endpoints.require(endpointId, caller.requireEnvironment()));
    }

    /** Changes {@code url}, {@code description}, {@code events} or {@code is_active}. */
    @PatchMapping("/{endpoint_id}")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    EndpointView update(@PathVariable("endpoint_id") String endpointId,
            @RequestBody WebhookRequests.UpdateEndpoint request, Caller caller) {
        return EndpointView.of(endpoints.update(endpointId, caller.requireEnvironment(), request));
    }

    /** 204; the endpoint's deliveries and their attempt log go with it. */
    @DeleteMapping("/{endpoint_id}")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    ResponseEntity<Void> delete(@PathVariable("endpoint_id") String endpointId, Caller caller) {
        endpoints.delete(endpointId, caller.requireEnvironment());
        return ResponseEntity.noContent().build();
    }

    /** A new signing secret (given or generated); the old one keeps signing for 24 hours. */
    @PostMapping("/{endpoint_id}/rotate-secret")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    WebhookViews.RotatedSecret rotate(@PathVariable("endpoint_id") String endpointId,
            @RequestBody(required = false) WebhookRequests.RotateSecret request, Caller caller) {
        UUID environment = caller.requireEnvironment();
        if (request != null) {
            request.check();
        }
        return endpoints.rotate(endpointId, environment, request == null ? null : request.secret());
    }

    /** Sends a {@code test.ping} now and answers how the endpoint responded; nothing is stored. */
    @PostMapping("/{endpoint_id}/test")
    @RequiresScope(Scopes.WEBHOOKS_MANAGE)
    WebhookViews.TestResult test(@PathVariable("endpoint_id") String endpointId, Caller caller) {
        return tester.ping(endpoints.require(endpointId, caller.requireEnvironment()));
    }
}
