package xyz.keystoneos.instruction.internal;

import static xyz.keystoneos.shared.database.SqlTimes.instant;
import static xyz.keystoneos.shared.database.SqlTimes.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for instructions. */
@Repository
class InstructionStore {

    private static final String COLUMNS = """
            id, platform_id, environment_id, environment_kind, template_slug, role, trade_reference, status,
            party::text as party, legs::text as legs, timeout_at, expires_at, fee_mode, settlement_category,
            maturity_at, repayment_amount, repo_rate, idempotency_key, settlement_id, created_at, updated_at""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    InstructionStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(InstructionRecord r) {
        jdbc.sql("""
                insert into instructions (id, platform_id, environment_id, environment_kind, template_slug, role,
                    trade_reference, status, party, legs, timeout_at, expires_at, fee_mode, settlement_category,
                    maturity_at, repayment_amount, repo_rate, idempotency_key, settlement_id, created_at, updated_at)
                values (:id, :platform, :environment, :kind, :template, :role, :reference, :status,
                    cast(:party as jsonb), cast(:legs as jsonb), :timeout, :expires, :fee, :category, :maturity,
                    :repayment, :rate, :key, :settlement, :created, :created)""")
                .param("id", r.id()).param("platform", r.platformId()).param("environment", r.environmentId())
                .param("kind", r.environmentKind()).param("template", r.templateSlug()).param("role", r.role())
                .param("reference", r.tradeReference()).param("status", r.status())
                .param("party", json.writeValueAsString(r.party())).param("legs", json.writeValueAsString(r.legs()))
                .param("timeout", timestamp(r.timeoutAt())).param("expires", timestamp(r.expiresAt())).param("fee", r.feeMode())
                .param("category", r.settlementCategory()).param("maturity", timestamp(r.maturityAt()))
                .param("repayment", r.repaymentAmount()).param("rate", r.repoRate()).param("key", r.idempotencyKey())
                .param("settlement", r.settlementId()).param("created", timestamp(r.createdAt()))
                .update();
    }

    /** Pending, unexpired instructions of a trade reference, locked (the caller holds the reference's lock too). */
    List<InstructionRecord> pendingFor(String environmentKind, String tradeReference) {
        return jdbc.sql("select " + COLUMNS + """
                 from instructions
                where environment_kind = :kind and trade_reference = :reference and status = 'pending_match'
                  and expires_at > now()
                for update""")
                .param("kind", environmentKind).param("reference", tradeReference).query(this::record).list();
    }

    boolean matchedExists(String environmentKind, String tradeReference) {
        return jdbc.sql("""
                select exists (select 1 from instructions where environment_kind = :kind
                               and trade_reference = :reference and status = 'matched')""")
                .param("kind", environmentKind).param("reference", tradeReference).query(Boolean.class).single();
    }

    void markMatched(UUID id, UUID settlementId) {
        jdbc.sql("""
                update instructions set status = 'matched', settlement_id = :settlement, updated_at = now()
                where id = :id""")
                .param("settlement", settlementId).param("id", id).update();
    }

    Optional<InstructionRecord> find(UUID id, UUID environmentId) {
        return jdbc.sql("select " + COLUMNS + " from instructions where id = :id and environment_id = :env")
                .param("id", id).param("env", environmentId).query(this::record).optional();
    }

    Optional<InstructionRecord> lock(UUID id, UUID environmentId) {
        return jdbc.sql("select " + COLUMNS + " from instructions where id = :id and environment_id = :env for update")
                .param("id", id).param("env", environmentId).query(this::record).optional();
    }

    void setStatus(UUID id, String status) {
        jdbc.sql("update instructions set status = :status, updated_at = now() where id = :id")
                .param("status", status).param("id", id).update();
    }

    record Expired(UUID id, UUID platformId, UUID environmentId, String tradeReference, String role) {
    }

    /** Expires every pending instruction past its {@code expires_at}; each row exactly once, on any node. */
    List<Expired> expireDue(int batch) {
        return jdbc.sql("""
                update instructions set status = 'expired', updated_at = now()
                where id in (select id from instructions where status = 'pending_match' and expires_at <= now()
                             order by expires_at limit :batch for update skip locked)
                returning id, platform_id, environment_id, trade_reference, role""")
                .param("batch", batch)
                .query((rs, n) -> new Expired(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                        rs.getObject("environment_id", UUID.class), rs.getString("trade_reference"),
                        rs.getString("role")))
                .list();
    }

    record PageOfRecords(List<InstructionRecord> items, long total) {
    }

    PageOfRecords list(UUID environmentId, String status, String tradeReference, String templateSlug,
            UUID startingAfter, int limit, int offset) {
        StringBuilder where = new StringBuilder("environment_id = :env");
        Map<String, Object> params = new HashMap<>();
        params.put("env", environmentId);
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        if (tradeReference != null) {
            where.append(" and trade_reference = :reference");
            params.put("reference", tradeReference);
        }
        if (templateSlug != null) {
            where.append(" and template_slug = :template");
            params.put("template", templateSlug);
        }
        long total = jdbc.sql("select count(*) from instructions where " + where).params(params)
                .query(Long.class).single();
        if (startingAfter != null) {
            where.append(" and (created_at, id) < (select created_at, id from instructions where id = :cursor)");
            params.put("cursor", startingAfter);
        }
        params.put("limit", limit);
        params.put("offset", offset);
        List<InstructionRecord> items = jdbc.sql("select " + COLUMNS + " from instructions where " + where
                        + " order by created_at desc, id desc limit :limit offset :offset")
                .params(params).query(this::record).list();
        return new PageOfRecords(items, total);
    }

    private InstructionRecord record(ResultSet rs, int row) throws SQLException {
        return new InstructionRecord(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getObject("environment_id", UUID.class), rs.getString("environment_kind"),
                rs.getString("template_slug"), rs.getString("role"), rs.getString("trade_reference"),
                rs.getString("status"), json.readValue(rs.getString("party"), InstructionRecord.Party.class),
                json.readValue(rs.getString("legs"), new TypeReference<List<InstructionRecord.Leg>>() { }),
                instant(rs, "timeout_at"), instant(rs, "expires_at"), rs.getString("fee_mode"),
                rs.getString("settlement_category"), instant(rs, "maturity_at"), rs.getBigDecimal("repayment_amount"),
                rs.getString("repo_rate"), rs.getString("idempotency_key"), rs.getObject("settlement_id", UUID.class),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

}
