package xyz.keystoneos.settlement.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import xyz.keystoneos.chain.InstrumentIds;
import xyz.keystoneos.chain.WalletAddress;
import xyz.keystoneos.settlement.NewLeg;
import xyz.keystoneos.settlement.NewParty;
import xyz.keystoneos.settlement.NewSettlement;
import xyz.keystoneos.settlement.SettlementCreation;
import xyz.keystoneos.settlement.internal.SettlementRecords.LegRow;
import xyz.keystoneos.settlement.internal.SettlementRecords.Loaded;
import xyz.keystoneos.settlement.internal.SettlementRecords.PartyRow;
import xyz.keystoneos.settlement.internal.SettlementRecords.SettlementRow;
import xyz.keystoneos.settlement.internal.domain.LegStatus;
import xyz.keystoneos.settlement.internal.domain.PartyStatus;
import xyz.keystoneos.settlement.internal.domain.Workflow;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.template.LegType;
import xyz.keystoneos.template.SettlementTemplate;
import xyz.keystoneos.template.SettlementTemplates;

/**
 * Validates a new settlement against its template and stores it: the settlement in the initial state, its parties
 * and legs (legs kept in deliver form: {@code party_role} is the delivering party), the first event, the outbox rows
 * and the engine's advance and timeout jobs — all in the caller's transaction. Every broken rule is reported at once
 * as 422 {@code invalid_settlement} with one error per rule.
 */
@Service
class SettlementFactory implements SettlementCreation {

    private final SettlementTemplates templates;
    private final SettlementStore store;
    private final Transitions transitions;
    private final EngineJobs jobs;
    private final CanonicalJson json;

    SettlementFactory(SettlementTemplates templates, SettlementStore store, Transitions transitions, EngineJobs jobs,
            CanonicalJson json) {
        this.templates = templates;
        this.store = store;
        this.transitions = transitions;
        this.jobs = jobs;
        this.json = json;
    }

    @Override
    @Transactional
    public UUID create(NewSettlement request) {
        SettlementTemplate template = template(request.templateIdOrSlug());
        Workflow workflow = new Workflow(template.config());
        List<FieldError> errors = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (request.timeoutAt() == null) {
            errors.add(new FieldError("timeout_at", "is required"));
        } else if (!request.timeoutAt().isAfter(now)) {
            errors.add(new FieldError("timeout_at", "must be in the future (it is " + request.timeoutAt() + ")"));
        }
        List<PartyRow> parties = parties(request.parties(), template, errors, now);
        List<LegRow> legs = legs(request.legs(), template, parties, errors);
        repoRules(request, errors);
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid_settlement", errors);
        }
        UUID id = UUID.randomUUID();
        String type = parties.stream().map(PartyRow::platformId).distinct().count() > 1
                ? "cross_platform" : "single_platform";
        SettlementRow row = new SettlementRow(id, request.ownerPlatformId(), request.ownerEnvironmentId(),
                request.environmentKind(), template.id(), template.slug(), template.version(),
                request.externalReference(), request.idempotencyKey(), type, request.settlementCategory(),
                request.parentSettlementId(), request.maturityAt(), repoMetadata(request),
                workflow.initialState(), 1, request.timeoutAt().truncatedTo(ChronoUnit.MICROS), now, now);
        store.insert(row);
        parties.forEach(p -> store.insert(id, p));
        legs.forEach(l -> store.insert(id, l));
        Loaded loaded = new Loaded(row, parties, legs, template.config());
        Map<String, Object> payload = new LinkedHashMap<>(request.eventPayload() == null ? Map.of()
                : request.eventPayload());
        payload.putIfAbsent("reason", "created");
        transitions.recordCreation(loaded, request.triggeredBy(), payload);
        jobs.advanceNow(id);
        jobs.schedule(id, EngineJobs.Kind.TIMEOUT, row.timeoutAt());
        return id;
    }

    private SettlementTemplate template(String idOrSlug) {
        FieldError unknown = new FieldError("template_slug", "no settlement template '" + idOrSlug + "'");
        if (idOrSlug == null || idOrSlug.isBlank()) {
            throw ApiException.invalidFields(List.of(new FieldError("template_slug",
                    "is required (or template_id)")));
        }
        SettlementTemplate template = templates.findByIdOrSlug(idOrSlug)
                .orElseThrow(() -> ApiException.unprocessable("invalid_settlement", List.of(unknown)));
        if (!template.isActive()) {
            throw ApiException.unprocessable("invalid_settlement", List.of(new FieldError("template_slug",
                    "the template '" + template.slug() + "' is inactive")));
        }
        new Workflow(template.config()).unsupportedBecause().ifPresent(reason -> {
            throw ApiException.unprocessable("invalid_settlement", List.of(new FieldError("template_slug",
                    "the template '" + template.slug() + "' cannot be run: " + reason)));
        });
        return template;
    }

    private static List<PartyRow> parties(List<NewParty> requested, SettlementTemplate template,
            List<FieldError> errors, Instant now) {
        List<PartyRow> parties = new ArrayList<>();
        Set<String> roles = new HashSet<>();
        List<String> required = template.config().requiredRoles();
        if (requested == null || requested.isEmpty()) {
            errors.add(new FieldError("parties", "must list the roles " + required));
            return parties;
        }
        for (int i = 0; i < requested.size(); i++) {
            NewParty party = requested.get(i);
            String path = "parties[" + i + "]";
            if (party.role() == null || !required.contains(party.role())) {
                errors.add(new FieldError(path + ".role", "must be one of " + required + " for template '"
                        + template.slug() + "'"));
                continue;
            }
            if (!roles.add(party.role())) {
                errors.add(new FieldError(path + ".role", "'" + party.role() + "' appears twice"));
                continue;
            }
            String wallet = wallet(party.walletAddress(), path + ".wallet_address", errors);
            if (party.chainId() <= 0) {
                errors.add(new FieldError(path + ".chain_id", "must be a positive chain id"));
            }
            parties.add(new PartyRow(UUID.randomUUID(), party.role(), party.platformId(), party.environmentId(),
                    party.externalReference(), party.name(), wallet, party.chainId(), PartyStatus.PENDING, now, now));
        }
        for (String role : required) {
            if (!roles.contains(role)) {
                errors.add(new FieldError("parties", "the template '" + template.slug() + "' needs a party with role '"
                        + role + "'"));
            }
        }
        return parties;
    }

    private static String wallet(String address, String path, List<FieldError> errors) {
        try {
            return WalletAddress.normalize(address);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(path, e.getMessage()));
            return address;
        }
    }

    private static List<LegRow> legs(List<NewLeg> requested, SettlementTemplate template, List<PartyRow> parties,
            List<FieldError> errors) {
        List<LegRow> legs = new ArrayList<>();
        if (requested == null || requested.isEmpty()) {
            errors.add(new FieldError("legs", "must contain at least one leg"));
            return legs;
        }
        Set<LegType> types = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            NewLeg leg = requested.get(i);
            String path = "legs[" + i + "]";
            PartyRow owner = parties.stream().filter(p -> p.role().equals(leg.partyRole())).findFirst().orElse(null);
            if (owner == null) {
                errors.add(new FieldError(path + ".party_role", "must name a party of this settlement ("
                        + parties.stream().map(PartyRow::role).toList() + ")"));
                continue;
            }
            if (parties.size() != 2) {
                continue;
            }
            PartyRow deliverer = "receive".equals(leg.direction())
                    ? parties.stream().filter(p -> p != owner).findFirst().orElseThrow()
                    : owner;
            LegType type = "payment".equals(leg.legType()) ? LegType.PAYMENT : LegType.ASSET_DELIVERY;
            types.add(type);
            if (leg.instrumentId() == null || leg.instrumentId().isBlank()) {
                errors.add(new FieldError(path + ".instrument_id", "is required"));
                continue;
            }
            if (leg.quantity() == null) {
                errors.add(new FieldError(path + ".quantity", "is required"));
                continue;
            }
            long chainId = leg.chainId() != null ? leg.chainId() : deliverer.chainId();
            legs.add(new LegRow(UUID.randomUUID(), i, leg.legType(), InstrumentIds.normalize(leg.instrumentId()), chainId,
                    leg.tokenStandard() == null ? "ERC-20" : leg.tokenStandard(), leg.quantity().value(), "deliver",
                    deliverer.role(), leg.externalReference(), LegStatus.PENDING));
        }
        for (LegType required : template.config().requiredLegTypes()) {
            if (!types.contains(required) && errors.stream().noneMatch(e -> e.field().startsWith("legs["))) {
                errors.add(new FieldError("legs", "the template '" + template.slug() + "' needs at least one "
                        + (required == LegType.PAYMENT ? "payment" : "asset_delivery") + " leg"));
            }
        }
        return legs;
    }

    private static void repoRules(NewSettlement request, List<FieldError> errors) {
        if (request.settlementCategory() == null) {
            if (request.maturityAt() != null || request.repayment() != null) {
                errors.add(new FieldError("settlement_category",
                        "must be repo_open when maturity_at or repayment_amount is given"));
            }
            return;
        }
        if ("repo_open".equals(request.settlementCategory())) {
            if (request.maturityAt() == null) {
                errors.add(new FieldError("maturity_at", "is required for a repo_open settlement"));
            } else if (request.timeoutAt() != null && !request.maturityAt().isAfter(request.timeoutAt())) {
                errors.add(new FieldError("maturity_at", "must be after timeout_at"));
            }
            if (request.repayment() == null) {
                errors.add(new FieldError("repayment_amount", "is required for a repo_open settlement"));
            }
        } else if (!"repo_close".equals(request.settlementCategory()) || request.parentSettlementId() == null) {
            errors.add(new FieldError("settlement_category",
                    "must be repo_open (repo_close settlements are created by KeyStone at maturity)"));
        }
    }

    private String repoMetadata(NewSettlement request) {
        if (request.settlementCategory() == null) {
            return null;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (request.repayment() != null) {
            metadata.put("repayment_amount", request.repayment().text());
        }
        if (request.repoRate() != null) {
            metadata.put("repo_rate", request.repoRate());
        }
        return json.of(metadata);
    }
}
