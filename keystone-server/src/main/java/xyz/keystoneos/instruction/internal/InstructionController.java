package xyz.keystoneos.instruction.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
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
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;
import xyz.keystoneos.shared.web.Quantity;

/** {@code /v1/instructions}: submit (and match), read, list and cancel the caller's own instructions. */
@RestController
@RequestMapping("/v1/instructions")
class InstructionController {

    private static final List<String> STATUSES = List.of("pending_match", "matched", "cancelled", "expired");

    private final InstructionService service;
    private final InstructionStore store;
    private final Idempotency idempotency;

    InstructionController(InstructionService service, InstructionStore store, Idempotency idempotency) {
        this.service = service;
        this.store = store;
        this.idempotency = idempotency;
    }

    record InstructionView(UUID id, String tradeReference, String status, String templateSlug, String role,
            InstructionRecord.Party party, List<LegView> legs, Instant timeoutAt, Instant expiresAt,
            UUID settlementId, String feeMode, String settlementCategory, Instant maturityAt,
            Quantity repaymentAmount, String repoRate, String idempotencyKey, Instant createdAt, Instant updatedAt) {

        static InstructionView of(InstructionRecord r) {
            return new InstructionView(r.id(), r.tradeReference(), r.status(), r.templateSlug(), r.role(), r.party(),
                    r.legs().stream().map(l -> new LegView(l.legType(), l.instrumentId(), Quantity.parse(l.quantity()),
                            l.direction(), l.chainId(), l.tokenStandard())).toList(),
                    r.timeoutAt(), r.expiresAt(), r.settlementId(), r.feeMode(), r.settlementCategory(),
                    r.maturityAt(), quantity(r.repaymentAmount()), r.repoRate(), r.idempotencyKey(), r.createdAt(),
                    r.updatedAt());
        }

        private static Quantity quantity(BigDecimal amount) {
            return amount == null ? null : new Quantity(amount);
        }
    }

    record LegView(String legType, String instrumentId, Quantity quantity, String direction, long chainId,
            String tokenStandard) {
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("instruction_not_found", "No instruction " + id + " in your environment");
    }

    @PostMapping
    @RequiresScope({Scopes.SETTLEMENTS_WRITE, Scopes.INSTRUCTIONS_WRITE})
    ResponseEntity<InstructionView> submit(@RequestBody InstructionRequests.Submit request,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String headerKey, Caller caller) {
        String key = IdempotencyKeys.resolve(request.idempotencyKey(), headerKey, true);
        UUID environment = caller.requireEnvironment();
        request.check();
        return idempotency.execute(environment.toString(), "instructions.submit", key, request, () -> {
            InstructionRecord submitted = service.submit(request, key, caller);
            return new Idempotency.Created<>(submitted.id().toString(), InstructionView.of(submitted));
        }, id -> store.find(UUID.fromString(id), environment).map(InstructionView::of)).toResponse();
    }

    @GetMapping
    @RequiresScope({Scopes.SETTLEMENTS_READ, Scopes.INSTRUCTIONS_READ})
    Page<InstructionView> list(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "trade_reference", required = false) String tradeReference,
            @RequestParam(name = "template_slug", required = false) String templateSlug,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        PageQuery query = PageQuery.of(limit, offset, startingAfter);
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalidFields(List.of(new FieldError("status", "must be one of " + STATUSES)));
        }
        UUID environment = caller.requireEnvironment();
        UUID cursor = null;
        if (startingAfter != null) {
            cursor = parse(startingAfter).filter(id -> store.find(id, environment).isPresent())
                    .orElseThrow(() -> ApiException.invalidFields(List.of(new FieldError("starting_after",
                            "must be the id of one of your instructions (the last item of the previous page)"))));
        }
        var page = store.list(environment, status, tradeReference, templateSlug, cursor, query.limit(),
                query.offset());
        return Page.of(page.items().stream().map(InstructionView::of).toList(), page.total(), query);
    }

    @GetMapping("/{id}")
    @RequiresScope({Scopes.SETTLEMENTS_READ, Scopes.INSTRUCTIONS_READ})
    InstructionView get(@PathVariable("id") UUID id, Caller caller) {
        return store.find(id, caller.requireEnvironment()).map(InstructionView::of).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/{id}/cancel")
    @RequiresScope({Scopes.SETTLEMENTS_WRITE, Scopes.INSTRUCTIONS_WRITE})
    InstructionView cancel(@PathVariable("id") UUID id, Caller caller) {
        return InstructionView.of(service.cancel(id, caller));
    }

    private static java.util.Optional<UUID> parse(String text) {
        try {
            return java.util.Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
