package xyz.keystoneos.sdk.resources;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import xyz.keystoneos.sdk.IdempotencyKeys;
import xyz.keystoneos.sdk.internal.ApiRequest;
import xyz.keystoneos.sdk.internal.Json;
import xyz.keystoneos.sdk.internal.Query;
import xyz.keystoneos.sdk.internal.Transport;
import xyz.keystoneos.sdk.model.Instruction;
import xyz.keystoneos.sdk.model.InstructionListParams;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.SubmitInstructionRequest;

/**
 * {@code /v1/instructions} (asynchronous): submit one side of a bilateral trade, read, list and cancel your
 * instructions. Obtain it from {@link xyz.keystoneos.sdk.KeystoneClient#instructions()}.
 */
public final class InstructionsResource {

    private static final String PATH = "/v1/instructions";

    private final Transport transport;

    /**
     * Creates the resource (internal; use {@link xyz.keystoneos.sdk.KeystoneClient#instructions()}).
     *
     * @param transport the client's transport
     */
    public InstructionsResource(Transport transport) {
        this.transport = transport;
    }

    /**
     * Submits an instruction ({@code POST /v1/instructions}). Without a {@code tradeReference} it opens a trade:
     * the answer is {@code pending_match} with a generated {@code KS-…} reference to share with the counterparty.
     * With the counterparty's reference it matches: the answer is {@code matched} with the {@code settlement_id}.
     * Without an idempotency key in the request, one is generated for this call so its retries are safe.
     *
     * @param request the instruction
     * @return the stored instruction; fails with {@link xyz.keystoneos.sdk.ValidationException} (422
     *         {@code instruction_mismatch}, listing each differing field) when it does not mirror the counterparty's
     * @throws NullPointerException if {@code request} is {@code null}
     */
    public CompletableFuture<Instruction> submit(SubmitInstructionRequest request) {
        Objects.requireNonNull(request, "request must not be null");
        SubmitInstructionRequest keyed = request.idempotencyKey() == null
                ? request.withIdempotencyKey(IdempotencyKeys.generate()) : request;
        return transport.call(ApiRequest.post(PATH, keyed, keyed.idempotencyKey()),
                Json.get().type(Instruction.class));
    }

    /**
     * Returns one of your instructions ({@code GET /v1/instructions/{id}}).
     *
     * @param id the instruction id
     * @return the instruction
     * @throws NullPointerException     if {@code id} is {@code null}
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public CompletableFuture<Instruction> get(String id) {
        return transport.call(ApiRequest.get(PATH + "/" + ApiRequest.segment(id, "id"), null),
                Json.get().type(Instruction.class));
    }

    /**
     * Returns the first page of your instructions, newest first.
     *
     * @return the page
     */
    public CompletableFuture<Page<Instruction>> list() {
        return list(InstructionListParams.ALL);
    }

    /**
     * Returns a page of your instructions, newest first ({@code GET /v1/instructions}).
     *
     * @param params filters and paging
     * @return the page
     * @throws NullPointerException if {@code params} is {@code null}
     */
    public CompletableFuture<Page<Instruction>> list(InstructionListParams params) {
        Objects.requireNonNull(params, "params must not be null");
        Query query = new Query()
                .add("status", params.status() == null ? null : params.status().wireValue())
                .add("trade_reference", params.tradeReference())
                .add("template_slug", params.templateSlug())
                .page(params.page());
        return transport.call(ApiRequest.get(PATH, query), Json.get().pageOf(Instruction.class));
    }

    /**
     * Returns every instruction matching the filters, fetched page by page as you iterate (see
     * {@link AutoPagingIterable}).
     *
     * @param params filters; its limit is the page size
     * @return the lazily paging iterable
     * @throws NullPointerException if {@code params} is {@code null}
     */
    public AutoPagingIterable<Instruction> listAutoPaging(InstructionListParams params) {
        Objects.requireNonNull(params, "params must not be null");
        return new AutoPagingIterable<>(after -> list(after == null ? params
                : params.withPage(params.page().after(after))), Instruction::id,
                params.page().offset() == null ? 0 : params.page().offset());
    }

    /**
     * Cancels a {@code pending_match} instruction ({@code POST /v1/instructions/{id}/cancel}); not retried.
     *
     * @param id the instruction id
     * @return the cancelled instruction; fails with {@link xyz.keystoneos.sdk.ConflictException} when it is no
     *         longer pending
     * @throws NullPointerException     if {@code id} is {@code null}
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public CompletableFuture<Instruction> cancel(String id) {
        return transport.call(ApiRequest.post(PATH + "/" + ApiRequest.segment(id, "id") + "/cancel", null, null),
                Json.get().type(Instruction.class));
    }
}
