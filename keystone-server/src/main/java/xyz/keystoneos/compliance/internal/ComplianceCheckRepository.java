package xyz.keystoneos.compliance.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.compliance.CheckResult;
import xyz.keystoneos.compliance.CheckType;
import xyz.keystoneos.compliance.ScreeningOutcome;

/**
 * SQL for {@code compliance_checks}: the results of the latest screening of each settlement, kept in the order
 * they were produced ({@code position}). Enum values are stored as their JSON names ({@code entity},
 * {@code flagged} …).
 */
@Repository
class ComplianceCheckRepository {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ComplianceCheckRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Replaces the settlement's stored results, inside the caller's transaction when there is one. */
    void replace(UUID settlementId, List<CheckResult> results) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from compliance_checks where settlement_id = :settlement")
                    .param("settlement", settlementId).update();
            for (int position = 0; position < results.size(); position++) {
                insert(settlementId, position, results.get(position));
            }
        });
    }

    List<CheckResult> findBySettlement(UUID settlementId) {
        return jdbc.sql("""
                select party_id, check_type, provider, outcome, reference, checked_at
                from compliance_checks where settlement_id = :settlement order by position""")
                .param("settlement", settlementId).query(ComplianceCheckRepository::result).list();
    }

    /** The results of several settlements, each in position order; every id is a key (empty list: none). */
    Map<UUID, List<CheckResult>> findBySettlements(Collection<UUID> settlementIds) {
        Map<UUID, List<CheckResult>> results = new HashMap<>();
        settlementIds.forEach(id -> results.put(id, new ArrayList<>()));
        if (settlementIds.isEmpty()) {
            return results;
        }
        jdbc.sql("""
                select settlement_id, party_id, check_type, provider, outcome, reference, checked_at
                from compliance_checks where settlement_id = any(:settlements) order by settlement_id, position""")
                .param("settlements", settlementIds.toArray(UUID[]::new))
                .query((RowCallbackHandler) rs -> results.get(rs.getObject("settlement_id", UUID.class))
                        .add(result(rs, 0)));
        return results;
    }

    private void insert(UUID settlementId, int position, CheckResult result) {
        jdbc.sql("""
                insert into compliance_checks
                    (settlement_id, position, party_id, check_type, provider, outcome, reference, checked_at)
                values (:settlement, :position, :party, :check, :provider, :outcome, :reference, :checked_at)""")
                .param("settlement", settlementId).param("position", position).param("party", result.partyId())
                .param("check", stored(result.check())).param("provider", result.provider())
                .param("outcome", stored(result.outcome())).param("reference", result.reference())
                .param("checked_at", Timestamp.from(result.checkedAt())).update();
    }

    private static CheckResult result(ResultSet rs, int row) throws SQLException {
        return new CheckResult(rs.getObject("party_id", UUID.class),
                CheckType.valueOf(rs.getString("check_type").toUpperCase(Locale.ROOT)), rs.getString("provider"),
                ScreeningOutcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)),
                rs.getString("reference"), rs.getTimestamp("checked_at").toInstant());
    }

    private static String stored(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
