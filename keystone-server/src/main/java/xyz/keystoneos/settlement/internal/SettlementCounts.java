package xyz.keystoneos.settlement.internal;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.settlement.internal.SettlementStore.ListFilter;

/**
 * The exact number of settlements an environment sees, per state, settlement type and template, kept by the triggers of
 * {@code V16__settlement_list_counts.sql} as appended deltas and folded into one row per key by {@link #compact()}. A
 * list's {@code total} reads these few rows instead of counting every visible settlement (milliseconds instead of
 * seconds with millions of settlements, docs/performance.md).
 */
@Component
class SettlementCounts {

    private static final Logger log = LoggerFactory.getLogger(SettlementCounts.class);

    /** Any number; it only has to be the same on every node and used for nothing else. */
    static final long COMPACTION_LOCK = 0x4b53_0016L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    SettlementCounts(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Whether {@link #count} can answer for this filter: the counts are kept per environment, state, type and
     * template; a reference, a time window or a session token's settlement ids need a real count.
     */
    static boolean canCount(ListFilter filter) {
        return filter.onlyIds() == null && filter.externalReference() == null && filter.createdAfter() == null
                && filter.createdBefore() == null;
    }

    /** The settlements visible to the filter's environment that match its states, type and template. */
    long count(ListFilter filter) {
        if (!canCount(filter)) {
            throw new IllegalArgumentException("the list counts cannot answer a filter on " + filter);
        }
        StringBuilder where = new StringBuilder("environment_id = :env");
        Map<String, Object> params = new HashMap<>();
        params.put("env", filter.environmentId());
        filter.appendKeyConditions(where, params, "");
        // One statement, one snapshot: a fold is one transaction, so each change is in exactly one of the two tables.
        return jdbc.sql("select coalesce(sum(n), 0) from (select settlements as n from settlement_counts where "
                        + where + " union all select delta from settlement_count_changes where " + where + ") c")
                .params(params).query(Long.class).single();
    }

    /**
     * Folds the appended deltas into the counts. One node at a time (a transaction-scoped advisory lock; a node that
     * does not get it skips this round), so two nodes never wait for each other's row locks here.
     */
    @Scheduled(fixedDelayString = "${keystone.settlements.count-compaction-interval:PT1S}")
    void compact() {
        try {
            Integer folded = transactions.execute(status -> {
                boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", COMPACTION_LOCK)
                        .query(Boolean.class).single();
                if (!mine) {
                    return 0;
                }
                return jdbc.sql("""
                        with folded as (
                            delete from settlement_count_changes
                            returning environment_id, state, settlement_type, template_slug, delta),
                        sums as (
                            select environment_id, state, settlement_type, template_slug, sum(delta) as n,
                                   count(*) as changes
                            from folded group by environment_id, state, settlement_type, template_slug),
                        upserted as (
                            insert into settlement_counts (environment_id, state, settlement_type, template_slug,
                                                           settlements)
                            select environment_id, state, settlement_type, template_slug, n from sums
                            on conflict (environment_id, state, settlement_type, template_slug)
                                do update set settlements = settlement_counts.settlements + excluded.settlements)
                        select coalesce(sum(changes), 0)::int from sums""").query(Integer.class).single();
            });
            if (folded != null && folded > 0) {
                log.debug("Folded {} settlement count change(s)", folded);
            }
        } catch (RuntimeException e) {
            // The deltas stay where they are and still count; the next round folds them.
            log.warn("Could not fold the settlement count changes: {}", e.getMessage());
        }
    }
}
