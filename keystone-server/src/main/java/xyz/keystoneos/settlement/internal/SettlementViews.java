package xyz.keystoneos.settlement.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.chain.ChainGateway;
import xyz.keystoneos.chain.DepositInstructions;
import xyz.keystoneos.compliance.CheckResult;
import xyz.keystoneos.compliance.ComplianceScreening;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.settlement.internal.SettlementRecords.EventRow;
import xyz.keystoneos.settlement.internal.SettlementRecords.LegRow;
import xyz.keystoneos.settlement.internal.SettlementRecords.Loaded;
import xyz.keystoneos.settlement.internal.SettlementRecords.PartyRow;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.Quantity;

/**
 * Settlements as a caller may see them: visible to every platform environment with a party in the settlement;
 * other platforms' {@code external_reference}s, the owner's idempotency key and other owners' deposit secrets are
 * withheld.
 */
@Component
class SettlementViews {

    private final SettlementStore store;
    private final ChainGateway chain;
    private final JsonMapper jsonMapper;
    private final ComplianceScreening screening;

    SettlementViews(SettlementStore store, ChainGateway chain, JsonMapper jsonMapper, ComplianceScreening screening) {
        this.store = store;
        this.chain = chain;
        this.jsonMapper = jsonMapper;
        this.screening = screening;
    }

    record SettlementView(UUID id, String idempotencyKey, UUID platformId, UUID environmentId, UUID templateId,
            String templateSlug, int templateVersion, String externalReference, String settlementType,
            String settlementCategory, UUID parentSettlementId, Instant maturityAt, JsonNode repoMetadata,
            List<PartyView> parties, List<LegView> legs, String state, int version, Instant timeoutAt,
            Instant createdAt, Instant updatedAt) {
    }

    record PartyView(UUID id, String role, UUID platformId, UUID environmentId, String externalReference, String name,
            String walletAddress, long chainId, String status, List<CheckView> complianceChecks, Instant createdAt,
            Instant updatedAt) {
    }

    /** One screening check of a party: which provider looked at what, its outcome and its reference. */
    record CheckView(String check, String provider, String outcome, String reference, Instant checkedAt) {
    }

    record LegView(UUID id, int legIndex, String legType, String instrumentId, long chainId, String tokenStandard,
            Quantity quantity, String direction, String partyRole, String externalReference, String status,
            DepositView deposit) {
    }

    record DepositView(String escrowAddress, long chainId, int legIndex, String depositKey, String depositSecret,
            String calldata, String status) {
    }

    record EventView(UUID id, UUID settlementId, int sequence, String fromState, String toState, String triggeredBy,
            JsonNode payload, String evidenceHash, String contentHash, Instant createdAt) {
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("settlement_not_found", "No settlement " + id + " in your environment");
    }

    /** The settlement if the caller's environment has a party in it; 404 otherwise (never reveals it exists). */
    Loaded visible(UUID id, Caller caller) {
        UUID environment = caller.requireEnvironment();
        caller.requireSettlementAccess(id);
        return store.load(id).filter(s -> s.hasPartyIn(environment)).orElseThrow(() -> notFound(id));
    }

    SettlementView view(Loaded loaded, Caller caller) {
        UUID id = loaded.settlement().id();
        return view(loaded, chain.depositInstructions(id), screening.results(id), caller);
    }

    /** The views of a list page: deposits and compliance results are read once for the whole page. */
    List<SettlementView> views(List<Loaded> page, Caller caller) {
        List<UUID> ids = page.stream().map(loaded -> loaded.settlement().id()).toList();
        Map<UUID, List<DepositInstructions>> deposits = chain.depositInstructions(ids);
        Map<UUID, List<CheckResult>> results = screening.results(ids);
        return page.stream().map(loaded -> view(loaded, deposits.getOrDefault(loaded.settlement().id(), List.of()),
                results.getOrDefault(loaded.settlement().id(), List.of()), caller)).toList();
    }

    private SettlementView view(Loaded loaded, List<DepositInstructions> depositInstructions,
            List<CheckResult> results, Caller caller) {
        UUID environment = caller.environmentId();
        var s = loaded.settlement();
        boolean owner = s.environmentId().equals(environment);
        Map<Integer, DepositInstructions> deposits = depositInstructions.stream()
                .collect(Collectors.toMap(DepositInstructions::legIndex, Function.identity()));
        Map<UUID, List<CheckView>> checks = results.stream().collect(Collectors.groupingBy(
                CheckResult::partyId, Collectors.mapping(SettlementViews::check, Collectors.toList())));
        List<PartyView> parties = loaded.parties().stream()
                .map(p -> party(p, environment, checks.getOrDefault(p.id(), List.of()))).toList();
        List<LegView> legs = loaded.legs().stream()
                .map(l -> leg(l, deposits.get(l.legIndex()), environment, loaded)).toList();
        return new SettlementView(s.id(), owner ? s.idempotencyKey() : null, s.platformId(), s.environmentId(),
                s.templateId(), s.templateSlug(), s.templateVersion(), owner ? s.externalReference() : null,
                s.settlementType(), s.settlementCategory(), s.parentSettlementId(), s.maturityAt(),
                s.repoMetadataJson() == null ? null : jsonMapper.readTree(s.repoMetadataJson()), parties, legs,
                s.state(), s.version(), s.timeoutAt(), s.createdAt(), s.updatedAt());
    }

    private static PartyView party(PartyRow p, UUID environment, List<CheckView> checks) {
        boolean mine = p.environmentId().equals(environment);
        return new PartyView(p.id(), p.role(), p.platformId(), p.environmentId(), mine ? p.externalReference() : null,
                p.name(), p.walletAddress(), p.chainId(), p.status().wire(), checks, p.createdAt(), p.updatedAt());
    }

    private static CheckView check(CheckResult result) {
        return new CheckView(result.check().name().toLowerCase(java.util.Locale.ROOT), result.provider(),
                result.outcome().name().toLowerCase(java.util.Locale.ROOT), result.reference(), result.checkedAt());
    }

    private static LegView leg(LegRow l, DepositInstructions deposit, UUID environment, Loaded loaded) {
        boolean mine = loaded.party(l.deliverer()).environmentId().equals(environment);
        DepositView depositView = null;
        if (deposit != null) {
            DepositInstructions shown = mine && deposit.owningEnvironmentId().equals(environment)
                    ? deposit : deposit.withoutSecret();
            depositView = new DepositView(shown.escrowAddress(), shown.chainId(), shown.legIndex(), shown.depositKey(),
                    shown.depositSecret(), shown.calldata(), shown.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        return new LegView(l.id(), l.legIndex(), l.legType(), l.instrumentId(), l.chainId(), l.tokenStandard(),
                new Quantity(l.quantity()), l.direction(), l.partyRole(), mine ? l.externalReference() : null,
                l.status().wire(), depositView);
    }

    EventView event(EventRow e) {
        return new EventView(e.id(), e.settlementId(), e.sequence(), e.fromState(), e.toState(), e.triggeredBy(),
                jsonMapper.readTree(e.payloadJson()), e.evidenceHash(), e.contentHash(), e.createdAt());
    }
}
