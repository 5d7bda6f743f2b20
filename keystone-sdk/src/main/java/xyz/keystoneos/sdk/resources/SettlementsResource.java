package xyz.keystoneos.sdk.resources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import xyz.keystoneos.sdk.IdempotencyKeys;
import xyz.keystoneos.sdk.internal.ApiRequest;
import xyz.keystoneos.sdk.internal.Json;
import xyz.keystoneos.sdk.internal.Query;
import xyz.keystoneos.sdk.internal.Transport;
import xyz.keystoneos.sdk.model.ComplianceDecision;
import xyz.keystoneos.sdk.model.CreateSettlementRequest;
import xyz.keystoneos.sdk.model.EvidenceCheck;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.Settlement;
import xyz.keystoneos.sdk.model.SettlementEvent;
import xyz.keystoneos.sdk.model.SettlementListParams;

/**
 * {@code /v1/settlements} (asynchronous): create directly, read, list, events, evidence check and compliance
 * decisions. Obtain it from {@link xyz.keystoneos.sdk.KeystoneClient#settlements()}.
 */
public final class SettlementsResource {

    private static final String PATH = "/v1/settlements";

    private final Transport transport;

    /**
     * Creates the resource (internal; use {@link xyz.keystoneos.sdk.KeystoneClient#settlements()}).
     *
     * @param transport the client's transport
     */
    public SettlementsResource(Transport transport) {
        this.transport = transport;
    }

    private record EventList(List<SettlementEvent> items, long total) {
    }

    /**
     * Creates a settlement between parties of your environment ({@code POST /v1/settlements}, scope
     * {@code settlements:write}). Without an idempotency key in the request, one is generated for this call so its
     * retries are safe; repeating the call with the same key returns the same settlement.
     *
     * @param request the settlement
     * @return the new settlement, in {@code INSTRUCTED}
     * @throws NullPointerException if {@code request} is {@code null}
     */
    public CompletableFuture<Settlement> create(CreateSettlementRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        CreateSettlementRequest keyed = request.idempotencyKey() == null
                ? request.withIdempotencyKey(IdempotencyKeys.generate()) : request;
        return transport.call(ApiRequest.post(PATH, keyed, keyed.idempotencyKey()),
                Json.get().type(Settlement.class));
    }

    /**
     * Returns a settlement ({@code GET /v1/settlements/{id}}).
     *
     * @param id the settlement id
     * @return the settlement; fails with {@link xyz.keystoneos.sdk.NotFoundException} when it does not exist or
     *         you have no party in it
     * @throws NullPointerException     if {@code id} is {@code null}
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public CompletableFuture<Settlement> get(String id) {
        return transport.call(ApiRequest.get(PATH + "/" + ApiRequest.segment(id, "id"), null),
                Json.get().type(Settlement.class));
    }

    /**
     * Returns the first page of settlements you have a party in, newest first (server default page size 50).
     *
     * @return the page
     */
    public CompletableFuture<Page<Settlement>> list() {
        return list(SettlementListParams.ALL);
    }

    /**
     * Returns a page of settlements you have a party in, newest first ({@code GET /v1/settlements}).
     *
     * @param params filters and paging
     * @return the page
     * @throws NullPointerException if {@code params} is {@code null}
     */
    public CompletableFuture<Page<Settlement>> list(SettlementListParams params) {
        Objects.requireNonNull(params, "params must not be null");
        Query query = new Query();
        params.states().forEach(state -> query.add("state", state));
        query.add("settlement_type", params.settlementType() == null ? null : params.settlementType().wireValue())
                .add("external_reference", params.externalReference())
                .add("template_slug", params.templateSlug())
                .add("created_after", params.createdAfter())
                .add("created_before", params.createdBefore())
                .page(params.page());
        return transport.call(ApiRequest.get(PATH, query), Json.get().pageOf(Settlement.class));
    }

    /**
     * Returns every settlement matching the filters, fetched page by page as you iterate (see
     * {@link AutoPagingIterable}: blocking iteration, or {@link AutoPagingIterable#forEachAsync} without blocking).
     *
     * @param params filters; its limit is the page size
     * @return the lazily paging iterable
     * @throws NullPointerException if {@code params} is {@code null}
     */
    public AutoPagingIterable<Settlement> listAutoPaging(SettlementListParams params) {
        Objects.requireNonNull(params, "params must not be null");
        return new AutoPagingIterable<>(after -> list(after == null ? params
                : params.withPage(params.page().after(after))), Settlement::id,
                params.page().offset() == null ? 0 : params.page().offset());
    }

    /**
     * Returns a settlement's audit trail, oldest first ({@code GET /v1/settlements/{id}/events}).
     *
     * @param id the settlement id
     * @return the events, by sequence
     * @throws NullPointerException     if {@code id} is {@code null}
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public CompletableFuture<List<SettlementEvent>> events(String id) {
        CompletableFuture<EventList> list = transport.call(
                ApiRequest.get(PATH + "/" + ApiRequest.segment(id, "id") + "/events", null),
                Json.get().type(EventList.class));
        return list.thenApply(EventList::items);
    }

    /**
     * Recomputes a settlement's event hash chain ({@code GET /v1/settlements/{id}/evidence}).
     *
     * @param id the settlement id
     * @return whether the chain is intact, and where it breaks
     * @throws NullPointerException     if {@code id} is {@code null}
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public CompletableFuture<EvidenceCheck> evidence(String id) {
        return transport.call(ApiRequest.get(PATH + "/" + ApiRequest.segment(id, "id") + "/evidence", null),
                Json.get().type(EvidenceCheck.class));
    }

    /**
     * Decides on a flagged settlement ({@code POST /v1/settlements/{id}/compliance-decision}, scope
     * {@code settlements:write}); only while it is in {@code COMPLIANCE_CHECKING} with a flag pending, else 409.
     * Not retried (no idempotency key).
     *
     * @param id       the settlement id
     * @param decision approve or reject
     * @param reason   why, at most 2000 characters, or {@code null}
     * @return the settlement after the decision
     * @throws NullPointerException     if {@code id} or {@code decision} is {@code null}
     * @throws IllegalArgumentException if {@code id} is blank, the decision is {@code UNKNOWN} or the reason too long
     */
    public CompletableFuture<Settlement> complianceDecision(String id, ComplianceDecision decision, String reason) {
        String segment = ApiRequest.segment(id, "id");
        Objects.requireNonNull(decision, "decision must not be null");
        if (decision == ComplianceDecision.UNKNOWN) {
            throw new IllegalArgumentException("decision must be APPROVE or REJECT");
        }
        if (reason != null && reason.length() > 2000) {
            throw new IllegalArgumentException("reason must be at most 2000 characters, was " + reason.length());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision.wireValue());
        if (reason != null) {
            body.put("reason", reason);
        }
        return transport.call(ApiRequest.post(PATH + "/" + segment + "/compliance-decision", body, null),
                Json.get().type(Settlement.class));
    }
}
