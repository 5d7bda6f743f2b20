package xyz.keystoneos.settlement.internal;

import static xyz.keystoneos.shared.database.SqlTimes.instant;
import static xyz.keystoneos.shared.database.SqlTimes.timestamp;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import xyz.keystoneos.settlement.internal.SettlementRecords.EventRow;
import xyz.keystoneos.settlement.internal.SettlementRecords.LegRow;
import xyz.keystoneos.settlement.internal.SettlementRecords.Loaded;
import xyz.keystoneos.settlement.internal.SettlementRecords.PartyRow;
import xyz.keystoneos.settlement.internal.SettlementRecords.SettlementRow;
import xyz.keystoneos.settlement.internal.domain.LegStatus;
import xyz.keystoneos.settlement.internal.domain.PartyStatus;
import xyz.keystoneos.template.SettlementTemplates;
import xyz.keystoneos.template.TemplateConfig;

/** SQL for settlements, parties, legs and events. */
@Repository
class SettlementStore {

    private static final String SETTLEMENT_COLUMNS = """
            s.id, s.platform_id, s.environment_id, s.environment_kind, s.template_id, s.template_slug,
            s.template_version, s.external_reference, s.idempotency_key, s.settlement_type, s.settlement_category,
            s.parent_settlement_id, s.maturity_at, s.repo_metadata::text as repo_metadata, s.state, s.version,
            s.timeout_at, s.created_at, s.updated_at""";

    private final JdbcClient jdbc;
    private final SettlementTemplates templates;
    private final SettlementCounts counts;
    private final Map<String, TemplateConfig> workflows = new ConcurrentHashMap<>();

    SettlementStore(JdbcClient jdbc, SettlementTemplates templates, SettlementCounts counts) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.counts = counts;
    }

    void insert(SettlementRow s) {
        jdbc.sql("""
                insert into settlements (id, idempotency_key, platform_id, environment_id, environment_kind, template_id,
                    template_slug, template_version, external_reference, settlement_type, settlement_category,
                    parent_settlement_id, maturity_at, repo_metadata, state, version, timeout_at, created_at, updated_at)
                values (:id, :key, :platform, :environment, :kind, :template, :slug, :templateVersion, :reference,
                    :type, :category, :parent, :maturity, cast(:repo as jsonb), :state, :version, :timeout, :created,
                    :created)""")
                .param("id", s.id()).param("key", s.idempotencyKey()).param("platform", s.platformId())
                .param("environment", s.environmentId()).param("kind", s.environmentKind())
                .param("template", s.templateId()).param("slug", s.templateSlug())
                .param("templateVersion", s.templateVersion()).param("reference", s.externalReference())
                .param("type", s.settlementType()).param("category", s.settlementCategory())
                .param("parent", s.parentSettlementId()).param("maturity", timestamp(s.maturityAt()))
                .param("repo", s.repoMetadataJson()).param("state", s.state()).param("version", s.version())
                .param("timeout", timestamp(s.timeoutAt())).param("created", timestamp(s.createdAt()))
                .update();
    }

    void insert(UUID settlementId, PartyRow p) {
        jdbc.sql("""
                insert into settlement_parties (id, settlement_id, role, platform_id, environment_id,
                    external_reference, name, wallet_address, chain_id, status)
                values (:id, :settlement, :role, :platform, :environment, :reference, :name, :wallet, :chain, :status)""")
                .param("id", p.id()).param("settlement", settlementId).param("role", p.role())
                .param("platform", p.platformId()).param("environment", p.environmentId())
                .param("reference", p.externalReference()).param("name", p.name())
                .param("wallet", p.walletAddress()).param("chain", p.chainId()).param("status", p.status().wire())
                .update();
    }

    void insert(UUID settlementId, LegRow l) {
        jdbc.sql("""
                insert into settlement_legs (id, settlement_id, leg_index, leg_type, instrument_id, chain_id,
                    token_standard, quantity, direction, party_role, external_reference, status)
                values (:id, :settlement, :index, :type, :instrument, :chain, :standard, :quantity, :direction, :role,
                    :reference, :status)""")
                .param("id", l.id()).param("settlement", settlementId).param("index", l.legIndex())
                .param("type", l.legType()).param("instrument", l.instrumentId()).param("chain", l.chainId())
                .param("standard", l.tokenStandard()).param("quantity", l.quantity())
                .param("direction", l.direction()).param("role", l.partyRole())
                .param("reference", l.externalReference()).param("status", l.status().wire())
                .update();
    }

    /**
     * Loads a settlement and locks its row until the transaction ends (every transition goes through here). The lock
     * is {@code FOR NO KEY UPDATE}: it serialises transitions but does not block the {@code FOR KEY SHARE} locks of
     * foreign-key checks (a deposit scheduling an engine job), which would otherwise deadlock with a refund.
     */
    Optional<Loaded> lock(UUID id) {
        return jdbc.sql("select " + SETTLEMENT_COLUMNS + " from settlements s where s.id = :id for no key update")
                .param("id", id).query(SettlementStore::settlement).optional().map(this::complete);
    }

    Optional<Loaded> load(UUID id) {
        return jdbc.sql("select " + SETTLEMENT_COLUMNS + " from settlements s where s.id = :id")
                .param("id", id).query(SettlementStore::settlement).optional().map(this::complete);
    }

    private static final String PARTY_COLUMNS = """
            settlement_id, id, role, platform_id, environment_id, external_reference, name, wallet_address, chain_id,
            status, created_at, updated_at""";

    private static final String LEG_COLUMNS = """
            settlement_id, id, leg_index, leg_type, instrument_id, chain_id, token_standard, quantity, direction,
            party_role, external_reference, status""";

    private Loaded complete(SettlementRow settlement) {
        List<PartyRow> parties = jdbc.sql("select " + PARTY_COLUMNS
                        + " from settlement_parties where settlement_id = :id order by created_at, role")
                .param("id", settlement.id()).query(SettlementStore::party).list();
        List<LegRow> legs = jdbc.sql("select " + LEG_COLUMNS
                        + " from settlement_legs where settlement_id = :id order by leg_index")
                .param("id", settlement.id()).query(SettlementStore::leg).list();
        return new Loaded(settlement, parties, legs, workflow(settlement.templateId(), settlement.templateVersion()));
    }

    /**
     * The settlements of a list page, in the order of {@code ids}, with three reads for all of them (settlements,
     * parties, legs) instead of three per settlement. Ids that do not exist are left out.
     */
    List<Loaded> loadAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        UUID[] array = ids.toArray(UUID[]::new);
        Map<UUID, SettlementRow> settlements = new HashMap<>();
        jdbc.sql("select " + SETTLEMENT_COLUMNS + " from settlements s where s.id = any(:ids)").param("ids", array)
                .query(SettlementStore::settlement).list().forEach(s -> settlements.put(s.id(), s));
        Map<UUID, List<PartyRow>> parties = new HashMap<>();
        jdbc.sql("select " + PARTY_COLUMNS
                        + " from settlement_parties where settlement_id = any(:ids) order by settlement_id, created_at, role")
                .param("ids", array).query((RowCallbackHandler) rs -> parties.computeIfAbsent(
                        rs.getObject("settlement_id", UUID.class), id -> new ArrayList<>()).add(party(rs, 0)));
        Map<UUID, List<LegRow>> legs = new HashMap<>();
        jdbc.sql("select " + LEG_COLUMNS
                        + " from settlement_legs where settlement_id = any(:ids) order by settlement_id, leg_index")
                .param("ids", array).query((RowCallbackHandler) rs -> legs.computeIfAbsent(
                        rs.getObject("settlement_id", UUID.class), id -> new ArrayList<>()).add(leg(rs, 0)));
        List<Loaded> loaded = new ArrayList<>();
        for (UUID id : ids) {
            SettlementRow settlement = settlements.get(id);
            if (settlement != null) {
                loaded.add(new Loaded(settlement, parties.getOrDefault(id, List.of()), legs.getOrDefault(id, List.of()),
                        workflow(settlement.templateId(), settlement.templateVersion())));
            }
        }
        return loaded;
    }

    private static PartyRow party(ResultSet rs, int row) throws SQLException {
        return new PartyRow(rs.getObject("id", UUID.class), rs.getString("role"),
                rs.getObject("platform_id", UUID.class), rs.getObject("environment_id", UUID.class),
                rs.getString("external_reference"), rs.getString("name"), rs.getString("wallet_address"),
                rs.getLong("chain_id"), PartyStatus.fromWire(rs.getString("status")),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static LegRow leg(ResultSet rs, int row) throws SQLException {
        return new LegRow(rs.getObject("id", UUID.class), rs.getInt("leg_index"),
                rs.getString("leg_type"), rs.getString("instrument_id"), rs.getLong("chain_id"),
                rs.getString("token_standard"), rs.getBigDecimal("quantity"), rs.getString("direction"),
                rs.getString("party_role"), rs.getString("external_reference"),
                LegStatus.fromWire(rs.getString("status")));
    }

    /** Template versions never change, so each is read once per node. */
    TemplateConfig workflow(UUID templateId, int version) {
        return workflows.computeIfAbsent(templateId + "@" + version, key -> templates.findVersion(templateId, version)
                .orElseThrow(() -> new IllegalStateException("Template " + key + " is missing"))
                .config());
    }

    int updateState(UUID id, String state, int expectedVersion, Instant at) {
        return jdbc.sql("""
                update settlements set state = :state, version = version + 1, updated_at = :at
                where id = :id and version = :version""")
                .param("state", state).param("at", timestamp(at)).param("id", id).param("version", expectedVersion)
                .update();
    }

    void setPartyStatus(UUID partyId, PartyStatus status) {
        jdbc.sql("update settlement_parties set status = :status, updated_at = now() where id = :id")
                .param("status", status.wire()).param("id", partyId).update();
    }

    int setLegStatus(UUID settlementId, int legIndex, LegStatus status) {
        return jdbc.sql("""
                update settlement_legs set status = :status, updated_at = now()
                where settlement_id = :settlement and leg_index = :index""")
                .param("status", status.wire()).param("settlement", settlementId).param("index", legIndex).update();
    }

    void setLegStatuses(UUID settlementId, LegStatus from, LegStatus to) {
        jdbc.sql("""
                update settlement_legs set status = :to, updated_at = now()
                where settlement_id = :settlement and status = :from""")
                .param("to", to.wire()).param("settlement", settlementId).param("from", from.wire()).update();
    }

    Optional<EventRow> lastEvent(UUID settlementId) {
        return jdbc.sql("""
                select id, settlement_id, sequence, from_state, to_state, triggered_by, payload::text as payload,
                       evidence_hash, content_hash, created_at
                from settlement_events where settlement_id = :id order by sequence desc limit 1""")
                .param("id", settlementId).query(SettlementStore::event).optional();
    }

    void insert(EventRow e) {
        jdbc.sql("""
                insert into settlement_events (id, settlement_id, sequence, from_state, to_state, triggered_by, payload,
                    evidence_hash, content_hash, created_at)
                values (:id, :settlement, :sequence, :from, :to, :by, cast(:payload as jsonb), :evidence, :content,
                    :created)""")
                .param("id", e.id()).param("settlement", e.settlementId()).param("sequence", e.sequence())
                .param("from", e.fromState()).param("to", e.toState()).param("by", e.triggeredBy())
                .param("payload", e.payloadJson()).param("evidence", e.evidenceHash())
                .param("content", e.contentHash()).param("created", timestamp(e.createdAt()))
                .update();
    }

    List<EventRow> events(UUID settlementId) {
        return jdbc.sql("""
                select id, settlement_id, sequence, from_state, to_state, triggered_by, payload::text as payload,
                       evidence_hash, content_hash, created_at
                from settlement_events where settlement_id = :id order by sequence""")
                .param("id", settlementId).query(SettlementStore::event).list();
    }

    /** Whether the environment has a party in the settlement (the visibility rule). */
    boolean visibleTo(UUID settlementId, UUID environmentId) {
        return jdbc.sql("""
                select exists (select 1 from settlement_parties where settlement_id = :id and environment_id = :env)""")
                .param("id", settlementId).param("env", environmentId).query(Boolean.class).single();
    }

    /** Filters of {@code GET /v1/settlements}. */
    /** {@code onlyIds}: {@code null}, or the settlements a session token is limited to. */
    record ListFilter(UUID environmentId, List<String> states, String settlementType, String externalReference,
            String templateSlug, Instant createdAfter, Instant createdBefore, java.util.Set<UUID> onlyIds) {

        /**
         * Appends the conditions on state, settlement type and template (the keys of the kept counts) for the columns
         * named with {@code prefix}, and their parameters.
         */
        void appendKeyConditions(StringBuilder where, Map<String, Object> params, String prefix) {
            if (!states.isEmpty()) {
                where.append(" and ").append(prefix).append("state in (:states)");
                params.put("states", states);
            }
            if (settlementType != null) {
                where.append(" and ").append(prefix).append("settlement_type = :type");
                params.put("type", settlementType);
            }
            if (templateSlug != null) {
                where.append(" and ").append(prefix).append("template_slug = :slug");
                params.put("slug", templateSlug);
            }
        }
    }

    record PageOfIds(List<UUID> ids, long total) {
    }

    PageOfIds list(ListFilter filter, UUID startingAfter, int limit, int offset) {
        StringBuilder where = new StringBuilder("""
                exists (select 1 from settlement_parties vp
                        where vp.settlement_id = s.id and vp.environment_id = :env)""");
        Map<String, Object> params = new HashMap<>();
        params.put("env", filter.environmentId());
        if (filter.onlyIds() != null) {
            where.append(" and s.id = any(:only)");
            params.put("only", filter.onlyIds().toArray(UUID[]::new));
        }
        filter.appendKeyConditions(where, params, "s.");
        if (filter.externalReference() != null) {
            where.append(" and ((s.environment_id = :env and s.external_reference = :reference)"
                    + " or exists (select 1 from settlement_parties rp where rp.settlement_id = s.id"
                    + " and rp.environment_id = :env and rp.external_reference = :reference))");
            params.put("reference", filter.externalReference());
        }
        if (filter.createdAfter() != null) {
            where.append(" and s.created_at > :after");
            params.put("after", timestamp(filter.createdAfter()));
        }
        if (filter.createdBefore() != null) {
            where.append(" and s.created_at < :before");
            params.put("before", timestamp(filter.createdBefore()));
        }
        // The kept counts where they can answer (states, type, template); a reference, a time window or a session's
        // settlement ids are counted here, over the rows they select.
        long total = SettlementCounts.canCount(filter)
                ? counts.count(filter)
                : jdbc.sql("select count(*) from settlements s where " + where).params(params).query(Long.class).single();
        String page = where.toString();
        if (startingAfter != null) {
            page += " and (s.created_at, s.id) < (select created_at, id from settlements where id = :cursor)";
            params.put("cursor", startingAfter);
        }
        params.put("limit", limit);
        params.put("offset", offset);
        List<UUID> ids = jdbc.sql("select s.id from settlements s where " + page
                        + " order by s.created_at desc, s.id desc limit :limit offset :offset")
                .params(params).query(UUID.class).list();
        return new PageOfIds(new ArrayList<>(ids), total);
    }

    boolean exists(UUID id) {
        return jdbc.sql("select exists (select 1 from settlements where id = :id)").param("id", id)
                .query(Boolean.class).single();
    }

    Optional<UUID> findByIdempotencyKey(UUID environmentId, String key) {
        return jdbc.sql("select id from settlements where environment_id = :env and idempotency_key = :key")
                .param("env", environmentId).param("key", key).query(UUID.class).optional();
    }

    private static SettlementRow settlement(ResultSet rs, int row) throws SQLException {
        return new SettlementRow(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getObject("environment_id", UUID.class), rs.getString("environment_kind"),
                rs.getObject("template_id", UUID.class), rs.getString("template_slug"), rs.getInt("template_version"),
                rs.getString("external_reference"), rs.getString("idempotency_key"), rs.getString("settlement_type"),
                rs.getString("settlement_category"), rs.getObject("parent_settlement_id", UUID.class),
                instant(rs, "maturity_at"), rs.getString("repo_metadata"), rs.getString("state"),
                rs.getInt("version"), instant(rs, "timeout_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static EventRow event(ResultSet rs, int row) throws SQLException {
        return new EventRow(rs.getObject("id", UUID.class), rs.getObject("settlement_id", UUID.class),
                rs.getInt("sequence"), rs.getString("from_state"), rs.getString("to_state"),
                rs.getString("triggered_by"), rs.getString("payload"), rs.getString("evidence_hash"),
                rs.getString("content_hash"), instant(rs, "created_at"));
    }

}
