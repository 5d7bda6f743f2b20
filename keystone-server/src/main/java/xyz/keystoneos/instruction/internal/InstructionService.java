package xyz.keystoneos.instruction.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import xyz.keystoneos.chain.InstrumentIds;
import xyz.keystoneos.chain.WalletAddress;
import xyz.keystoneos.identity.Caller;
import xyz.keystoneos.instruction.internal.InstructionRecord.Leg;
import xyz.keystoneos.instruction.internal.InstructionRecord.Party;
import xyz.keystoneos.instruction.internal.domain.Matching;
import xyz.keystoneos.settlement.NewLeg;
import xyz.keystoneos.settlement.NewParty;
import xyz.keystoneos.settlement.NewSettlement;
import xyz.keystoneos.settlement.SettlementCreation;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.FieldError;
import xyz.keystoneos.shared.web.Quantity;
import xyz.keystoneos.template.LegType;
import xyz.keystoneos.template.SettlementTemplate;
import xyz.keystoneos.template.SettlementTemplates;
import xyz.keystoneos.webhook.WebhookOutbox;

/**
 * Submits instructions and matches them. A submission naming a trade reference takes a transaction-scoped advisory
 * lock on (environment kind, reference), so two sides arriving at the same instant on two nodes are serialised: the
 * second sees the first and matches it, and exactly one settlement is created, in the same transaction that marks
 * both instructions matched. A mismatching counter-instruction is refused (422) and leaves nothing behind.
 */
@Service
class InstructionService {

    static final Duration MATCH_WINDOW = Duration.ofHours(24);

    private final InstructionStore store;
    private final SettlementTemplates templates;
    private final SettlementCreation settlements;
    private final WebhookOutbox outbox;
    private final JdbcClient jdbc;

    InstructionService(InstructionStore store, SettlementTemplates templates, SettlementCreation settlements,
            WebhookOutbox outbox, JdbcClient jdbc) {
        this.store = store;
        this.templates = templates;
        this.settlements = settlements;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    @Transactional
    InstructionRecord submit(InstructionRequests.Submit request, String idempotencyKey, Caller caller) {
        UUID environment = caller.requireEnvironment();
        SettlementTemplate template = template(request.templateSlug());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        InstructionRecord incoming = validated(request, template, idempotencyKey, caller, now);
        if (request.tradeReference() == null) {
            InstructionRecord pending = withReference(incoming, "KS-" + UUID.randomUUID());
            store.insert(pending);
            return pending;
        }
        String kind = caller.environmentKind();
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "instruction:" + kind + ":" + request.tradeReference()).query().singleRow();
        List<InstructionRecord> pending = store.pendingFor(kind, request.tradeReference());
        if (pending.stream().anyMatch(p -> p.role().equals(incoming.role()))) {
            throw ApiException.conflict("trade_reference_in_use", "A pending '" + incoming.role()
                    + "' instruction already uses trade reference " + request.tradeReference());
        }
        Optional<InstructionRecord> counterpart = pending.stream().findFirst();
        if (counterpart.isEmpty()) {
            if (store.matchedExists(kind, request.tradeReference())) {
                throw ApiException.conflict("trade_reference_already_matched", "Trade reference "
                        + request.tradeReference() + " has already been matched into a settlement");
            }
            store.insert(incoming);
            return incoming;
        }
        List<FieldError> differences = Matching.differences(counterpart.get().terms(), incoming.terms(),
                template.config().requiredRoles());
        if (!differences.isEmpty()) {
            throw ApiException.unprocessable("instruction_mismatch", differences);
        }
        return match(counterpart.get(), incoming, caller, environment);
    }

    private InstructionRecord match(InstructionRecord first, InstructionRecord second, Caller caller,
            UUID environment) {
        Instant timeout = first.timeoutAt().isBefore(second.timeoutAt()) ? first.timeoutAt() : second.timeoutAt();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("reason", "instructions_matched");
        payload.put("trade_reference", first.tradeReference());
        payload.put("instruction_ids", List.of(first.id().toString(), second.id().toString()));
        UUID settlementId = settlements.create(new NewSettlement(first.platformId(), first.environmentId(),
                first.environmentKind(), null, first.templateSlug(), first.tradeReference(), timeout,
                first.settlementCategory(), null, first.maturityAt(),
                first.repaymentAmount() == null ? null : new Quantity(first.repaymentAmount()), first.repoRate(),
                List.of(party(first), party(second)), legs(first, second), caller.actor(), payload));
        InstructionRecord matched = withSettlement(second, settlementId);
        store.insert(matched);
        store.markMatched(first.id(), settlementId);
        announceMatch(first, settlementId);
        announceMatch(matched, settlementId);
        return matched;
    }

    private void announceMatch(InstructionRecord instruction, UUID settlementId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("instruction_id", instruction.id().toString());
        data.put("trade_reference", instruction.tradeReference());
        data.put("role", instruction.role());
        data.put("settlement_id", settlementId.toString());
        outbox.publish("instruction.matched",
                List.of(new WebhookOutbox.Recipient(instruction.platformId(), instruction.environmentId())),
                settlementId, data);
    }

    private static NewParty party(InstructionRecord instruction) {
        Party p = instruction.party();
        return new NewParty(instruction.role(), instruction.platformId(), instruction.environmentId(),
                p.externalReference(), p.name(), p.walletAddress(), p.chainId());
    }

    /** One settlement leg per instrument, delivered by the side whose leg says {@code deliver}. */
    private static List<NewLeg> legs(InstructionRecord first, InstructionRecord second) {
        List<NewLeg> legs = new ArrayList<>();
        for (Leg leg : first.legs()) {
            Leg other = second.legs().stream().filter(l -> l.instrumentId().equals(leg.instrumentId())).findFirst()
                    .orElseThrow();
            boolean firstDelivers = "deliver".equals(leg.direction());
            Leg delivering = firstDelivers ? leg : other;
            String deliverer = firstDelivers ? first.role() : second.role();
            legs.add(new NewLeg(delivering.legType(), leg.instrumentId(), leg.chainId(), delivering.tokenStandard(),
                    Quantity.parse(leg.quantity()), "deliver", deliverer, null));
        }
        return legs;
    }

    private SettlementTemplate template(String slug) {
        SettlementTemplate template = templates.findByIdOrSlug(slug).orElseThrow(() -> ApiException.unprocessable(
                "invalid_instruction", List.of(new FieldError("template_slug", "no settlement template '" + slug
                        + "'"))));
        if (!template.isActive()) {
            throw ApiException.unprocessable("invalid_instruction", List.of(new FieldError("template_slug",
                    "the template '" + slug + "' is inactive")));
        }
        return template;
    }

    private static InstructionRecord validated(InstructionRequests.Submit request, SettlementTemplate template,
            String idempotencyKey, Caller caller, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        List<String> roles = template.config().requiredRoles();
        if (!roles.contains(request.role())) {
            errors.add(new FieldError("role", "must be one of " + roles + " for template '" + template.slug() + "'"));
        }
        if (!request.timeoutAt().isAfter(now)) {
            errors.add(new FieldError("timeout_at", "must be in the future (it is " + request.timeoutAt() + ")"));
        }
        String wallet = request.party().walletAddress();
        try {
            wallet = WalletAddress.normalize(wallet);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("party.wallet_address", e.getMessage()));
        }
        long partyChain = request.party().chainId();
        List<Leg> legs = new ArrayList<>();
        Set<String> instruments = new HashSet<>();
        for (int i = 0; i < request.legs().size(); i++) {
            InstructionRequests.LegInput leg = request.legs().get(i);
            String instrument = InstrumentIds.normalize(leg.instrumentId());
            if (!instruments.add(instrument)) {
                errors.add(new FieldError("legs[" + i + "].instrument_id", "'" + leg.instrumentId()
                        + "' appears in more than one leg"));
            }
            legs.add(new Leg(leg.legType() == LegType.PAYMENT ? "payment" : "asset_delivery", instrument,
                    leg.quantity().text(), leg.direction().wire(), leg.chainId() == null ? partyChain : leg.chainId(),
                    leg.tokenStandard() == null ? "ERC-20" : leg.tokenStandard().wire()));
        }
        if (legs.stream().noneMatch(l -> "asset_delivery".equals(l.legType()))) {
            errors.add(new FieldError("legs", "need at least one asset_delivery leg"));
        }
        boolean repo = request.settlementCategory() != null;
        if (repo) {
            if (request.maturityAt() == null) {
                errors.add(new FieldError("maturity_at", "is required for a repo_open instruction"));
            } else if (!request.maturityAt().isAfter(request.timeoutAt())) {
                errors.add(new FieldError("maturity_at", "must be after timeout_at"));
            }
            if (request.repaymentAmount() == null) {
                errors.add(new FieldError("repayment_amount", "is required for a repo_open instruction"));
            }
        } else if (request.maturityAt() != null || request.repaymentAmount() != null) {
            errors.add(new FieldError("settlement_category",
                    "must be repo_open when maturity_at or repayment_amount is given"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid_instruction", errors);
        }
        Instant matchDeadline = now.plus(MATCH_WINDOW);
        Instant expires = request.timeoutAt().isBefore(matchDeadline) ? request.timeoutAt() : matchDeadline;
        BigDecimal repayment = request.repaymentAmount() == null ? null : request.repaymentAmount().value();
        return new InstructionRecord(UUID.randomUUID(), caller.platformId(), caller.environmentId(),
                caller.environmentKind(), template.slug(), request.role(), request.tradeReference(), "pending_match",
                new Party(request.party().externalReference(), request.party().name(), wallet, partyChain), legs,
                request.timeoutAt().truncatedTo(ChronoUnit.MICROS), expires,
                request.feeMode() == null ? null : request.feeMode().wire(), repo ? "repo_open" : null,
                request.maturityAt(), repayment, request.repoRate(), idempotencyKey, null, now, now);
    }

    private static InstructionRecord withReference(InstructionRecord r, String reference) {
        return new InstructionRecord(r.id(), r.platformId(), r.environmentId(), r.environmentKind(), r.templateSlug(),
                r.role(), reference, r.status(), r.party(), r.legs(), r.timeoutAt(), r.expiresAt(), r.feeMode(),
                r.settlementCategory(), r.maturityAt(), r.repaymentAmount(), r.repoRate(), r.idempotencyKey(),
                r.settlementId(), r.createdAt(), r.updatedAt());
    }

    private static InstructionRecord withSettlement(InstructionRecord r, UUID settlementId) {
        return new InstructionRecord(r.id(), r.platformId(), r.environmentId(), r.environmentKind(), r.templateSlug(),
                r.role(), r.tradeReference(), "matched", r.party(), r.legs(), r.timeoutAt(), r.expiresAt(),
                r.feeMode(), r.settlementCategory(), r.maturityAt(), r.repaymentAmount(), r.repoRate(),
                r.idempotencyKey(), settlementId, r.createdAt(), r.updatedAt());
    }

    @Transactional
    InstructionRecord cancel(UUID id, Caller caller) {
        InstructionRecord instruction = store.lock(id, caller.requireEnvironment())
                .orElseThrow(() -> InstructionController.notFound(id));
        if (!"pending_match".equals(instruction.status())) {
            throw ApiException.conflict("instruction_not_pending", "Only a pending_match instruction can be "
                    + "cancelled; this one is " + instruction.status());
        }
        store.setStatus(id, "cancelled");
        return store.find(id, caller.environmentId()).orElseThrow();
    }
}
