package xyz.keystoneos.settlement.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import xyz.keystoneos.settlement.NewLeg;
import xyz.keystoneos.settlement.NewParty;
import xyz.keystoneos.settlement.NewSettlement;
import xyz.keystoneos.settlement.internal.SettlementRecords.EventRow;
import xyz.keystoneos.settlement.internal.SettlementViews.EventView;
import xyz.keystoneos.settlement.internal.SettlementViews.SettlementView;
import xyz.keystoneos.settlement.internal.domain.EventChain;
import xyz.keystoneos.shared.idempotency.Idempotency;
import xyz.keystoneos.shared.idempotency.IdempotencyKeys;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.database.Snapshots;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

/** {@code /v1/settlements}: create directly, read, list, events, evidence check, compliance decisions. */
@RestController
@RequestMapping("/v1/settlements")
class SettlementController {

    private static final List<String> TYPES = List.of("single_platform", "cross_platform");

    private final SettlementFactory factory;
    private final SettlementStore store;
    private final SettlementViews views;
    private final ComplianceDecisions decisions;
    private final Idempotency idempotency;
    private final CanonicalJson json;
    private final Snapshots snapshots;

    SettlementController(SettlementFactory factory, SettlementStore store, SettlementViews views,
            ComplianceDecisions decisions, Idempotency idempotency, CanonicalJson json, Snapshots snapshots) {
        this.snapshots = snapshots;
        this.factory = factory;
        this.store = store;
        this.views = views;
        this.decisions = decisions;
        this.idempotency = idempotency;
        this.json = json;
    }

    /** A settlement between parties that all belong to the caller's platform environment. */
    @PostMapping
    @RequiresScope(Scopes.SETTLEMENTS_WRITE)
    ResponseEntity<SettlementView> create(@RequestBody SettlementRequests.CreateSettlement request,
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String headerKey, Caller caller) {
        String key = IdempotencyKeys.resolve(request.idempotencyKey(), headerKey, true);
        UUID environment = caller.requireEnvironment();
        request.check();
        return idempotency.execute(environment.toString(), "settlements.create", key, request, () -> {
            UUID id = factory.create(toNewSettlement(request, key, caller));
            return new Idempotency.Created<>(id.toString(),
                    snapshots.read(() -> views.view(store.load(id).orElseThrow(), caller)));
        }, id -> snapshots.read(() -> store.load(UUID.fromString(id)).map(s -> views.view(s, caller))))
                .toResponse();
    }

    private static NewSettlement toNewSettlement(SettlementRequests.CreateSettlement request, String key,
            Caller caller) {
        List<NewParty> parties = request.parties().stream()
                .map(p -> new NewParty(p.role(), caller.platformId(), caller.environmentId(), p.externalReference(),
                        p.name(), p.walletAddress(), p.chainId()))
                .toList();
        List<NewLeg> legs = request.legs().stream()
                .map(l -> new NewLeg(l.legTypeWire(), l.instrumentId(), l.chainId(),
                        l.tokenStandard() == null ? null : l.tokenStandard().wire(), l.quantity(),
                        l.direction() == null ? "deliver" : l.direction().wire(), l.partyRole(), l.externalReference()))
                .toList();
        return new NewSettlement(caller.platformId(), caller.environmentId(), caller.environmentKind(), key,
                request.templateId() != null ? request.templateId().toString() : request.templateSlug(),
                request.externalReference(), request.timeoutAt(), request.settlementCategory(), null,
                request.maturityAt(), request.repaymentAmount(), request.repoRate(), parties, legs, caller.actor(),
                Map.of());
    }

    @GetMapping
    @RequiresScope({Scopes.SETTLEMENTS_READ, Scopes.INSTRUCTIONS_READ})
    Page<SettlementView> list(@RequestParam(name = "state", required = false) List<String> states,
            @RequestParam(name = "settlement_type", required = false) String settlementType,
            @RequestParam(name = "external_reference", required = false) String externalReference,
            @RequestParam(name = "template_slug", required = false) String templateSlug,
            @RequestParam(name = "created_after", required = false) Instant createdAfter,
            @RequestParam(name = "created_before", required = false) Instant createdBefore,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "offset", required = false) Integer offset,
            @RequestParam(name = "starting_after", required = false) String startingAfter, Caller caller) {
        PageQuery query = PageQuery.of(limit, offset, startingAfter);
        if (settlementType != null && !TYPES.contains(settlementType)) {
            throw ApiException.invalidFields(List.of(new FieldError("settlement_type", "must be one of " + TYPES)));
        }
        UUID environment = caller.requireEnvironment();
        UUID cursor = startingAfter == null ? null : cursor(startingAfter, caller);
        var filter = new SettlementStore.ListFilter(environment,
                states == null ? List.of() : states.stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList(),
                settlementType, externalReference, templateSlug, createdAfter, createdBefore, caller.settlementIds());
        return snapshots.read(() -> {
            var page = store.list(filter, cursor, query.limit(), query.offset());
            List<SettlementView> items = views.views(store.loadAll(page.ids()), caller);
            return Page.of(items, page.total(), query);
        });
    }

    private UUID cursor(String startingAfter, Caller caller) {
        try {
            UUID id = UUID.fromString(startingAfter);
            if (store.visibleTo(id, caller.environmentId())) {
                return id;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw ApiException.invalidFields(List.of(new FieldError("starting_after",
                "must be the id of a settlement you can see (the last item of the previous page)")));
    }

    @GetMapping("/{id}")
    @RequiresScope({Scopes.SETTLEMENTS_READ, Scopes.INSTRUCTIONS_READ})
    SettlementView get(@PathVariable("id") UUID id, Caller caller) {
        return snapshots.read(() -> views.view(views.visible(id, caller), caller));
    }

    record EventList(List<EventView> items, long total) {
    }

    @GetMapping("/{id}/events")
    @RequiresScope({Scopes.SETTLEMENTS_READ, Scopes.INSTRUCTIONS_READ})
    EventList events(@PathVariable("id") UUID id, Caller caller) {
        views.visible(id, caller);
        List<EventView> events = store.events(id).stream().map(views::event).toList();
        return new EventList(events, events.size());
    }

    record Evidence(UUID settlementId, boolean valid, int events, Integer firstBrokenSequence, String headHash) {
    }

    /** Recomputes the event hash chain: any edited, removed or reordered event shows as the first broken link. */
    @GetMapping("/{id}/evidence")
    @RequiresScope({Scopes.SETTLEMENTS_READ, Scopes.INSTRUCTIONS_READ})
    Evidence evidence(@PathVariable("id") UUID id, Caller caller) {
        views.visible(id, caller);
        List<EventRow> events = store.events(id);
        List<EventChain.Link> links = events.stream()
                .map(e -> new EventChain.Link(e.settlementId(), e.sequence(), e.fromState(), e.toState(),
                        e.triggeredBy(), json.recanonicalise(e.payloadJson()), e.evidenceHash(), e.createdAt(),
                        e.contentHash()))
                .toList();
        int broken = EventChain.firstBrokenLink(links);
        return new Evidence(id, broken < 0, events.size(), broken < 0 ? null : broken,
                events.isEmpty() ? null : events.getLast().contentHash());
    }

    @PostMapping("/{id}/compliance-decision")
    @RequiresScope(Scopes.SETTLEMENTS_WRITE)
    SettlementView decide(@PathVariable("id") UUID id, @RequestBody SettlementRequests.ComplianceDecision request,
            Caller caller) {
        request.check();
        decisions.decide(id, request.decision() == SettlementRequests.DecisionValue.APPROVE
                ? ComplianceDecisions.Decision.APPROVE : ComplianceDecisions.Decision.REJECT, request.reason(), caller);
        return snapshots.read(() -> views.view(views.visible(id, caller), caller));
    }

}
