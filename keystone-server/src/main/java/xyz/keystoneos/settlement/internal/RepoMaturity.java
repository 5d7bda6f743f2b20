package xyz.keystoneos.settlement.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xyz.keystoneos.settlement.NewLeg;
import xyz.keystoneos.settlement.NewParty;
import xyz.keystoneos.settlement.NewSettlement;
import xyz.keystoneos.settlement.internal.SettlementRecords.LegRow;
import xyz.keystoneos.settlement.internal.SettlementRecords.Loaded;
import xyz.keystoneos.settlement.internal.domain.Workflow;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.Quantity;

/**
 * Tokenised repo (SPEC §9): when a finalised {@code repo_open} settlement reaches {@code maturity_at} (or an
 * operator triggers it early), creates the closing {@code repo_close} settlement: same parties, every leg delivered
 * back by the party that received it, the cash leg's quantity replaced by {@code repayment_amount}. Its timeout
 * window equals the opening's. At most one closing settlement exists per opening (unique index), so the job and
 * the operator trigger can race safely.
 */
@Component
class RepoMaturity {

    private final SettlementStore store;
    private final SettlementFactory factory;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;

    RepoMaturity(SettlementStore store, SettlementFactory factory, TransactionTemplate transactions, JdbcClient jdbc,
            JsonMapper jsonMapper) {
        this.store = store;
        this.factory = factory;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
    }

    /** The closing settlement's id (new or existing). */
    UUID mature(UUID openingId, String triggeredBy) {
        return transactions.execute(status -> {
            Loaded opening = store.lock(openingId)
                    .orElseThrow(() -> ApiException.notFound("settlement_not_found", "No settlement " + openingId));
            Optional<UUID> existing = closingOf(openingId);
            if (existing.isPresent()) {
                return existing.get();
            }
            if (!"repo_open".equals(opening.settlement().settlementCategory())
                    || !new Workflow(opening.workflow()).isSuccess(opening.settlement().state())) {
                throw ApiException.conflict("not_a_finalized_repo",
                        "Only a finalised repo_open settlement can mature (this one is "
                                + opening.settlement().state() + ")");
            }
            return factory.create(closing(opening, triggeredBy));
        });
    }

    Optional<UUID> closingOf(UUID openingId) {
        return jdbc.sql("select id from settlements where parent_settlement_id = :id and settlement_category = 'repo_close'")
                .param("id", openingId).query(UUID.class).optional();
    }

    private NewSettlement closing(Loaded opening, String triggeredBy) {
        var row = opening.settlement();
        JsonNode metadata = jsonMapper.readTree(row.repoMetadataJson());
        Quantity repayment = Quantity.parse(metadata.get("repayment_amount").asString());
        List<NewParty> parties = opening.parties().stream()
                .map(p -> new NewParty(p.role(), p.platformId(), p.environmentId(), p.externalReference(), p.name(),
                        p.walletAddress(), p.chainId()))
                .toList();
        List<NewLeg> legs = opening.legs().stream().map(leg -> reversed(opening, leg, repayment)).toList();
        Duration window = Duration.between(row.createdAt(), row.timeoutAt());
        return new NewSettlement(row.platformId(), row.environmentId(), row.environmentKind(), null,
                row.templateId().toString(), row.externalReference(), Instant.now().plus(window), "repo_close",
                row.id(), null, null, null, parties, legs, triggeredBy,
                Map.of("reason", "repo_maturity", "parent_settlement_id", row.id().toString()));
    }

    private static NewLeg reversed(Loaded opening, LegRow leg, Quantity repayment) {
        String returner = opening.counterpartyOf(leg.deliverer()).role();
        Quantity quantity = "payment".equals(leg.legType()) ? repayment : new Quantity(leg.quantity());
        return new NewLeg(leg.legType(), leg.instrumentId(), leg.chainId(), leg.tokenStandard(), quantity, "deliver",
                returner, leg.externalReference());
    }
}
