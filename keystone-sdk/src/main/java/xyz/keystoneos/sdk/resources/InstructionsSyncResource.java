package xyz.keystoneos.sdk.resources;

import static xyz.keystoneos.sdk.internal.Futures.await;

import java.util.Objects;
import xyz.keystoneos.sdk.model.Instruction;
import xyz.keystoneos.sdk.model.InstructionListParams;
import xyz.keystoneos.sdk.model.Page;
import xyz.keystoneos.sdk.model.SubmitInstructionRequest;

/**
 * {@code /v1/instructions}, blocking: see {@link InstructionsResource}. Obtain it from
 * {@link xyz.keystoneos.sdk.KeystoneSyncClient#instructions()}.
 */
public final class InstructionsSyncResource {

    private final InstructionsResource async;

    /**
     * Wraps the asynchronous resource (internal; use {@link xyz.keystoneos.sdk.KeystoneSyncClient#instructions()}).
     *
     * @param async the asynchronous resource
     */
    public InstructionsSyncResource(InstructionsResource async) {
        this.async = Objects.requireNonNull(async, "async");
    }

    /**
     * Submits an instruction; see {@link InstructionsResource#submit}.
     *
     * @param request the instruction
     * @return the stored instruction ({@code pending_match} or {@code matched})
     */
    public Instruction submit(SubmitInstructionRequest request) {
        return await(async.submit(request));
    }

    /**
     * Returns one of your instructions.
     *
     * @param id the instruction id
     * @return the instruction
     */
    public Instruction get(String id) {
        return await(async.get(id));
    }

    /**
     * Returns the first page of your instructions.
     *
     * @return the page
     */
    public Page<Instruction> list() {
        return await(async.list());
    }

    /**
     * Returns a page of your instructions.
     *
     * @param params filters and paging
     * @return the page
     */
    public Page<Instruction> list(InstructionListParams params) {
        return await(async.list(params));
    }

    /**
     * Returns every matching instruction, fetching pages lazily while you iterate.
     *
     * @param params filters; its limit is the page size
     * @return the iterable
     */
    public AutoPagingIterable<Instruction> listAutoPaging(InstructionListParams params) {
        return async.listAutoPaging(params);
    }

    /**
     * Cancels a {@code pending_match} instruction.
     *
     * @param id the instruction id
     * @return the cancelled instruction
     * @throws xyz.keystoneos.sdk.ConflictException when it is no longer pending
     */
    public Instruction cancel(String id) {
        return await(async.cancel(id));
    }
}
