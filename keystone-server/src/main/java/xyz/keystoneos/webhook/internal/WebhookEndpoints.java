package xyz.keystoneos.webhook.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.webhook.WebhookOutbox;

/**
 * Endpoint management for the API, always within the caller's environment: an endpoint of another environment is
 * the same 404 {@code webhook_endpoint_not_found} as one that does not exist.
 */
@Service
class WebhookEndpoints {

    static final Duration ROTATION_GRACE = Duration.ofHours(24);
    static final String DISABLED_BY_API = "disabled via the API";

    private final EndpointStore store;
    private final TargetGuard guard;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    WebhookEndpoints(EndpointStore store, TargetGuard guard, JdbcClient jdbc, TransactionTemplate transactions) {
        this.store = store;
        this.guard = guard;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Checks a creation request: 400 {@code validation_failed} listing every malformed field (URL syntax included),
     * then 422 {@code webhook_target_not_allowed} for a URL the SSRF guard refuses.
     */
    void check(WebhookRequests.CreateEndpoint request) {
        List<FieldError> errors = new ArrayList<>(request.fieldErrors());
        requireAllowed(request.url(), errors);
    }

    private void requireAllowed(String url, List<FieldError> errors) {
        ApiException refused = null;
        if (url != null && errors.stream().noneMatch(e -> e.field().equals("url"))) {
            try {
                guard.checkRegistration(url);
            } catch (ApiException e) {
                if (e.status() == HttpStatus.BAD_REQUEST) {
                    errors.addAll(e.errors());
                } else {
                    refused = e;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(errors);
        }
        if (refused != null) {
            throw refused;
        }
    }

    /** Creates a checked endpoint in the caller's environment, active, with the given or a new secret. */
    Endpoint create(UUID platformId, UUID environmentId, WebhookRequests.CreateEndpoint request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Endpoint endpoint = new Endpoint(UUID.randomUUID(), platformId, environmentId, request.url(),
                WebhookRequests.normaliseDescription(request.description()), request.eventsOrDefault(),
                request.secret() != null ? request.secret() : WebhookSigner.newSecret(), null, null, true, null, null,
                null, now, now);
        store.insert(endpoint);
        return store.find(endpoint.id(), environmentId).orElseThrow();
    }

    Optional<Endpoint> find(UUID id, UUID environmentId) {
        return store.find(id, environmentId);
    }

    /** The endpoint with this id (as given in the path) in the environment, else 404. */
    Endpoint require(String id, UUID environmentId) {
        return parse(id).flatMap(uuid -> store.find(uuid, environmentId)).orElseThrow(() -> notFound(id));
    }

    /** A page of the environment's endpoints, oldest first; {@code after} is the previous page's last endpoint. */
    List<Endpoint> list(UUID environmentId, UUID after, int limit, int offset) {
        String cursor = after == null ? ""
                : " and (created_at, id) > (select created_at, id from webhook_endpoints where id = :after)";
        var query = jdbc.sql("select id from webhook_endpoints where environment_id = :env" + cursor
                        + " order by created_at, id limit :limit offset :offset")
                .param("env", environmentId).param("limit", limit).param("offset", offset);
        List<UUID> ids = (after == null ? query : query.param("after", after)).query(UUID.class).list();
        return ids.stream().map(id -> store.find(id, environmentId)).flatMap(Optional::stream).toList();
    }

    long count(UUID environmentId) {
        return store.count(environmentId);
    }

    /** The id of one of the environment's endpoints given as a {@code starting_after} cursor, else 400. */
    UUID cursor(String startingAfter, UUID environmentId) {
        return parse(startingAfter).filter(id -> store.find(id, environmentId).isPresent())
                .orElseThrow(() -> ApiException.invalidFields(List.of(new FieldError("starting_after",
                        "must be the id of one of your webhook endpoints (the last item of the previous page)"))));
    }

    /**
     * Applies a PATCH under the endpoint's row lock. Deactivating records {@link #DISABLED_BY_API} as the reason;
     * re-activating clears the reason and the failure clock and wakes the dispatchers for the deliveries that
     * waited.
     */
    Endpoint update(String id, UUID environmentId, WebhookRequests.UpdateEndpoint request) {
        List<FieldError> errors = new ArrayList<>(request.fieldErrors());
        requireAllowed(request.url(), errors);
        return transactions.execute(status -> {
            Endpoint current = parse(id).flatMap(uuid -> store.lock(uuid, environmentId))
                    .orElseThrow(() -> notFound(id));
            boolean active = request.isActive() == null ? current.isActive() : request.isActive();
            if (current.isActive() && !active) {
                store.disable(current.id(), DISABLED_BY_API);
            }
            store.update(current.id(), request.url() == null ? current.url() : request.url(),
                    request.description() == null ? current.description()
                            : WebhookRequests.normaliseDescription(request.description()),
                    request.events() == null ? current.events()
                            : List.copyOf(new LinkedHashSet<>(request.events())),
                    active);
            if (!current.isActive() && active) {
                jdbc.sql("select pg_notify('" + WebhookOutbox.CHANNEL + "', '')").query().singleRow();
            }
            return store.find(current.id(), environmentId).orElseThrow();
        });
    }

    /** Deletes the endpoint with its deliveries and their attempt log. */
    void delete(String id, UUID environmentId) {
        transactions.executeWithoutResult(status -> {
            Endpoint endpoint = parse(id).flatMap(uuid -> store.lock(uuid, environmentId))
                    .orElseThrow(() -> notFound(id));
            store.delete(endpoint.id());
        });
    }

    /**
     * Makes {@code newSecret} (or a generated one) the signing secret; the current one keeps signing
     * ({@code X-Keystone-Signature-Previous}, a second {@code webhook-signature} entry) for 24 hours. Only one
     * previous secret is kept: rotating again ends the grace of the one before.
     */
    WebhookViews.RotatedSecret rotate(String id, UUID environmentId, String newSecret) {
        String secret = newSecret != null ? newSecret : WebhookSigner.newSecret();
        Instant until = Instant.now().plus(ROTATION_GRACE).truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(status -> {
            Endpoint endpoint = parse(id).flatMap(uuid -> store.lock(uuid, environmentId))
                    .orElseThrow(() -> notFound(id));
            if (endpoint.secret().equals(secret)) {
                throw ApiException.invalidFields(List.of(new FieldError("secret",
                        "must differ from the current secret")));
            }
            store.rotate(endpoint.id(), secret, until);
        });
        return new WebhookViews.RotatedSecret(secret, until);
    }

    static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("webhook_endpoint_not_found", "No webhook endpoint " + id
                + " in this environment");
    }
}
