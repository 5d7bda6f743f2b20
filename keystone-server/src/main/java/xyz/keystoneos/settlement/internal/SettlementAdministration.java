package xyz.keystoneos.settlement.internal;

import static xyz.keystoneos.shared.database.SqlTimes.instant;
import static xyz.keystoneos.shared.database.SqlTimes.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.settlement.SettlementOperations;
import xyz.keystoneos.settlement.internal.SettlementRecords.Loaded;
import xyz.keystoneos.settlement.internal.SettlementRecords.SettlementRow;
import xyz.keystoneos.settlement.internal.domain.Workflow;
import xyz.keystoneos.shared.database.Snapshots;
import xyz.keystoneos.shared.web.ApiException;
import xyz.keystoneos.shared.web.Page;
import xyz.keystoneos.shared.web.PageQuery;

/** The operators' view of and hand on settlements (see {@link SettlementOperations}). */
@Service
class SettlementAdministration implements SettlementOperations {

    private final JdbcClient jdbc;
    private final SettlementStore store;
    private final SettlementMoves moves;
    private final EngineJobs jobs;
    private final TransactionTemplate transactions;
    private final Snapshots snapshots;

    SettlementAdministration(JdbcClient jdbc, SettlementStore store, SettlementMoves moves, EngineJobs jobs,
            TransactionTemplate transactions, Snapshots snapshots) {
        this.jdbc = jdbc;
        this.store = store;
        this.moves = moves;
        this.jobs = jobs;
        this.transactions = transactions;
        this.snapshots = snapshots;
    }

    @Override
    public Page<Stuck> stuck(Duration threshold, UUID platformId, PageQuery page) {
        return snapshots.read(() -> {
            Instant now = jdbc.sql("select now()").query(java.sql.Timestamp.class).single().toInstant();
            Map<String, Object> params = new HashMap<>();
            StringBuilder where = new StringBuilder(
                    "s.state not in (:terminal) and (s.updated_at <= :cutoff or s.timeout_at <= :now)");
            params.put("terminal", List.copyOf(terminalStates()));
            params.put("cutoff", timestamp(now.minus(threshold)));
            params.put("now", timestamp(now));
            onlyPlatform(platformId, where, params);
            long total = jdbc.sql("select count(*) from settlements s where " + where).params(params)
                    .query(Long.class).single();
            String paged = where.toString();
            if (page.startingAfter() != null) {
                paged += " and (s.updated_at, s.id) > (select updated_at, id from settlements where id = :cursor)";
                params.put("cursor", cursor(page.startingAfter()));
            }
            params.put("limit", page.limit());
            params.put("offset", page.offset());
            List<SettlementRow> rows = jdbc.sql("select s.* "
                            + "from settlements s where " + paged
                            + " order by s.updated_at, s.id limit :limit offset :offset")
                    .params(params).query(SettlementAdministration::row).list();
            List<Stuck> items = rows.stream().map(s -> new Stuck(s.id(), s.platformId(), s.environmentId(),
                    s.templateSlug(), s.state(), s.version(), s.updatedAt(), s.timeoutAt(),
                    Duration.between(s.updatedAt(), now).toSeconds(),
                    s.timeoutAt().isAfter(now) ? "no_transition" : "past_timeout", jobsOf(s.id()))).toList();
            return Page.of(items, total, page);
        });
    }

    @Override
    public StateCounts pipeline(UUID platformId) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("true");
        onlyPlatform(platformId, where, params);
        return counts(jdbc.sql("select s.state, count(*) as n from settlements s where " + where + " group by s.state")
                .params(params));
    }

    @Override
    public StateCounts transitions(Duration period, UUID platformId) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("e.created_at >= now() - make_interval(secs => :seconds)");
        params.put("seconds", period.toSeconds());
        if (platformId != null) {
            where.append(" and exists (select 1 from settlement_parties p"
                    + " where p.settlement_id = e.settlement_id and p.platform_id = :platform)");
            params.put("platform", platformId);
        }
        return counts(jdbc.sql("select e.to_state as state, count(*) as n from settlement_events e where " + where
                + " group by e.to_state").params(params));
    }

    @Override
    public Retried retry(UUID settlementId) {
        return transactions.execute(status -> {
            Loaded settlement = store.lock(settlementId).orElseThrow(() -> notFound(settlementId));
            if (new Workflow(settlement.workflow()).isTerminal(settlement.settlement().state())) {
                throw finished(settlement, "retried");
            }
            int restarted = jobs.retryNow(settlementId);
            return new Retried(summary(settlement.settlement()), restarted, jobsOf(settlementId));
        });
    }

    @Override
    public RolledBack forceRollback(UUID settlementId, String reason, String triggeredBy) {
        return transactions.execute(status -> {
            Loaded settlement = store.lock(settlementId).orElseThrow(() -> notFound(settlementId));
            String state = settlement.settlement().state();
            if (Workflow.ROLLED_BACK.equals(state)) {
                return new RolledBack(summary(settlement.settlement()), false);
            }
            if (new Workflow(settlement.workflow()).isTerminal(state)) {
                throw finished(settlement, "rolled back");
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("reason", "operator_rollback");
            payload.put("operator_reason", reason);
            payload.put("rolled_back_by", triggeredBy);
            payload.put("previous_state", state);
            moves.rollBackByOperator(settlement, triggeredBy, payload);
            return new RolledBack(summary(store.load(settlementId).orElseThrow().settlement()), true);
        });
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("settlement_not_found", "No settlement " + id);
    }

    private static ApiException finished(Loaded settlement, String what) {
        return ApiException.conflict("settlement_finished", "The settlement is already "
                + settlement.settlement().state() + " and cannot be " + what)
                .with("state", settlement.settlement().state());
    }

    private static void onlyPlatform(UUID platformId, StringBuilder where, Map<String, Object> params) {
        if (platformId != null) {
            where.append(" and exists (select 1 from settlement_parties p"
                    + " where p.settlement_id = s.id and p.platform_id = :platform)");
            params.put("platform", platformId);
        }
    }

    /**
     * Every state that is terminal in a template version some settlement uses. (A state name is terminal in
     * every template that has it: validation forbids exits from terminal states, and the engine's failure states
     * are shared.)
     */
    private Set<String> terminalStates() {
        Set<String> terminal = new LinkedHashSet<>(List.of(Workflow.ROLLED_BACK, Workflow.TIMED_OUT));
        jdbc.sql("select distinct template_id, template_version from settlements")
                .query((rs, n) -> store.workflow(rs.getObject("template_id", UUID.class),
                        rs.getInt("template_version")))
                .list()
                .forEach(config -> config.states().stream().filter(config::isTerminal).forEach(terminal::add));
        return terminal;
    }

    private UUID cursor(String startingAfter) {
        try {
            UUID id = UUID.fromString(startingAfter);
            if (store.exists(id)) {
                return id;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw ApiException.invalidFields(List.of(new xyz.keystoneos.shared.web.FieldError("starting_after",
                "must be the id of a settlement (the last item of the previous page)")));
    }

    private List<Job> jobsOf(UUID settlementId) {
        return jdbc.sql("""
                select kind, run_at, attempts, last_error, leased_until from engine_jobs
                where settlement_id = :id order by run_at, kind""")
                .param("id", settlementId)
                .query((rs, n) -> new Job(rs.getString("kind"), instant(rs, "run_at"), rs.getInt("attempts"),
                        rs.getString("last_error"), instant(rs, "leased_until")))
                .list();
    }

    private static StateCounts counts(JdbcClient.StatementSpec query) {
        Map<String, Long> counts = new TreeMap<>();
        query.query((RowCallbackHandler) rs -> counts.put(rs.getString("state"), rs.getLong("n")));
        return new StateCounts(new LinkedHashMap<>(counts), counts.values().stream().mapToLong(Long::longValue).sum());
    }

    private static Summary summary(SettlementRow s) {
        return new Summary(s.id(), s.platformId(), s.environmentId(), s.environmentKind(), s.templateSlug(),
                s.templateVersion(), s.settlementType(), s.settlementCategory(), s.state(), s.version(),
                s.timeoutAt(), s.createdAt(), s.updatedAt());
    }

    private static SettlementRow row(ResultSet rs, int n) throws SQLException {
        return new SettlementRow(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getObject("environment_id", UUID.class), rs.getString("environment_kind"),
                rs.getObject("template_id", UUID.class), rs.getString("template_slug"), rs.getInt("template_version"),
                rs.getString("external_reference"), rs.getString("idempotency_key"), rs.getString("settlement_type"),
                rs.getString("settlement_category"), rs.getObject("parent_settlement_id", UUID.class),
                instant(rs, "maturity_at"), rs.getString("repo_metadata"), rs.getString("state"),
                rs.getInt("version"), instant(rs, "timeout_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
