package xyz.keystoneos.settlement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static xyz.keystoneos.settlement.SettlementPathsTest.BOND_LEG;
import static xyz.keystoneos.settlement.SettlementPathsTest.direct;
import static xyz.keystoneos.settlement.SettlementPathsTest.wallet;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import xyz.keystoneos.support.ApiResponse;
import xyz.keystoneos.support.IntegrationTest;
import xyz.keystoneos.support.SettlementFlows;
import xyz.keystoneos.support.TestPlatform;

/**
 * The {@code total} of {@code GET /v1/settlements} comes from the kept counts (V16) wherever they can answer, and is
 * always the exact number of visible settlements the filter selects: before and after the deltas are folded.
 */
class SettlementListTotalsTest extends IntegrationTest {

    /** Filters the counts answer, with the SQL condition an exact count of the same filter uses. */
    private static final Map<String, String> FILTERS = Map.of(
            "", "true",
            "state=AWAITING_DEPOSITS", "s.state = 'AWAITING_DEPOSITS'",
            "state=FINALIZED", "s.state = 'FINALIZED'",
            "state=FINALIZED&state=AWAITING_DEPOSITS", "s.state in ('FINALIZED', 'AWAITING_DEPOSITS')",
            "settlement_type=single_platform", "s.settlement_type = 'single_platform'",
            "settlement_type=cross_platform", "s.settlement_type = 'cross_platform'",
            "template_slug=fop-standard", "s.template_slug = 'fop-standard'",
            "template_slug=dvp-standard&state=AWAITING_DEPOSITS",
            "s.template_slug = 'dvp-standard' and s.state = 'AWAITING_DEPOSITS'",
            "state=TIMED_OUT", "s.state = 'TIMED_OUT'");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SettlementCounts counts;

    @Autowired
    DataSource dataSource;

    @Test
    void totalsAreExactForEveryCountedFilterBeforeAndAfterTheChangesAreFolded() {
        TestPlatform acme = newPlatform();
        TestPlatform beta = newPlatform();
        String acmeToken = tokenFor(acme);
        String betaToken = tokenFor(beta);
        SettlementFlows flows = new SettlementFlows(api);

        // three cross-platform settlements waiting for deposits, two single-platform ones (two parties in one
        // environment) finalized
        flows.matchedSettlements(3, acmeToken, betaToken, "AWAITING_DEPOSITS");
        List<String> acmeOnly = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String seller = wallet();
            flows.fund(acmeToken, seller, "BOND-2026-A", "250");
            ApiResponse created = api.post("/v1/settlements", acmeToken, direct("fop-standard",
                    Instant.now().plus(Duration.ofHours(1)), seller, wallet(), BOND_LEG, ""));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            acmeOnly.add(created.text("id"));
        }
        for (String id : acmeOnly) {
            flows.awaitState(acmeToken, id, "AWAITING_DEPOSITS");
            flows.depositOwnLegs(acmeToken, id);
            flows.awaitState(acmeToken, id, "FINALIZED");
        }

        try (FoldHeldOff heldOff = new FoldHeldOff()) {
            assertTotals(acme, Map.of("", 5L, "state=AWAITING_DEPOSITS", 3L, "state=FINALIZED", 2L,
                    "settlement_type=single_platform", 2L, "template_slug=fop-standard", 2L, "state=TIMED_OUT", 0L));
            assertTotals(beta, Map.of("", 3L, "state=AWAITING_DEPOSITS", 3L, "state=FINALIZED", 0L,
                    "settlement_type=single_platform", 0L, "settlement_type=cross_platform", 3L));
        }

        counts.compact();
        assertThat(jdbc.sql("select count(*) from settlement_count_changes where environment_id in (:a, :b)")
                .param("a", acme.environmentId()).param("b", beta.environmentId()).query(Long.class).single())
                .as("every change folded").isZero();

        assertTotals(acme, Map.of("", 5L, "state=AWAITING_DEPOSITS", 3L, "state=FINALIZED", 2L,
                "settlement_type=single_platform", 2L, "template_slug=fop-standard", 2L, "state=TIMED_OUT", 0L));
        assertTotals(beta, Map.of("", 3L, "state=AWAITING_DEPOSITS", 3L, "state=FINALIZED", 0L,
                "settlement_type=single_platform", 0L, "settlement_type=cross_platform", 3L));
    }

    @Test
    void filtersTheCountsCannotAnswerAreCountedOverTheRowsTheySelect() {
        TestPlatform acme = newPlatform();
        TestPlatform beta = newPlatform();
        String acmeToken = tokenFor(acme);
        String id = new SettlementFlows(api).matchedSettlement(acmeToken, tokenFor(beta));
        String reference = jdbc.sql("select external_reference from settlement_parties where settlement_id = :id"
                        + " and environment_id = :env").param("id", UUID.fromString(id))
                .param("env", acme.environmentId()).query(String.class).single();

        assertThat(total(acmeToken, "external_reference=" + reference)).isEqualTo(1);
        assertThat(total(acmeToken, "external_reference=NOT-" + reference)).isZero();
        assertThat(total(acmeToken, "created_after=" + Instant.now().minus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(total(acmeToken, "created_before=" + Instant.now().minus(Duration.ofHours(1)))).isZero();
    }

    @Test
    void twoPartiesOfOneEnvironmentAddedByOneStatementMakeTheSettlementVisibleOnce() {
        TestPlatform acme = newPlatform();
        UUID settlement = UUID.fromString(new SettlementFlows(api).matchedSettlement(tokenFor(acme),
                tokenFor(newPlatform())));
        UUID observer = UUID.randomUUID();

        try (FoldHeldOff heldOff = new FoldHeldOff()) {
            jdbc.sql("""
                insert into settlement_parties (id, settlement_id, role, platform_id, environment_id, wallet_address,
                                                chain_id)
                select gen_random_uuid(), settlement_id, 'observer-' || role, platform_id, :observer, wallet_address,
                       chain_id
                from settlement_parties where settlement_id = :id""")
                    .param("observer", observer).param("id", settlement).update();

            counts.compact();
            assertThat(jdbc.sql("select delta from settlement_count_changes where environment_id = :env")
                    .param("env", observer).query(Integer.class).list()).as("not folded yet").containsExactly(1);
            assertThat(countFor(observer)).isEqualTo(1);
        }
        counts.compact();
        assertThat(countFor(observer)).isEqualTo(1);
    }

    @Test
    void settlementsAndPartiesCannotBeDeletedOrMovedToOtherCountKeys() {
        TestPlatform acme = newPlatform();
        UUID settlement = UUID.fromString(new SettlementFlows(api).matchedSettlement(tokenFor(acme),
                tokenFor(newPlatform())));

        assertThatThrownBy(() -> jdbc.sql("delete from settlement_parties where settlement_id = :id")
                .param("id", settlement).update()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("never deleted");
        assertThatThrownBy(() -> jdbc.sql("update settlements set template_slug = 'other' where id = :id")
                .param("id", settlement).update()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("cannot change");
        assertThatThrownBy(() -> jdbc.sql("update settlement_parties set environment_id = :other"
                        + " where settlement_id = :id").param("other", UUID.randomUUID()).param("id", settlement)
                .update()).isInstanceOf(DataAccessException.class).hasMessageContaining("cannot change");
        assertThat(countFor(acme.environmentId())).isEqualTo(1);
    }

    /** Holds the fold's lock on a connection of its own, as a busy node would: no fold happens meanwhile. */
    private final class FoldHeldOff implements AutoCloseable {

        private final Connection connection;

        FoldHeldOff() {
            try {
                connection = dataSource.getConnection();
                try (var statement = connection.prepareStatement("select pg_advisory_lock(?)")) {
                    statement.setLong(1, SettlementCounts.COMPACTION_LOCK);
                    statement.execute();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try (connection; var statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                statement.setLong(1, SettlementCounts.COMPACTION_LOCK);
                statement.execute();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private long countFor(UUID environment) {
        return counts.count(new SettlementStore.ListFilter(environment, List.of(), null, null, null, null, null, null));
    }

    private void assertTotals(TestPlatform platform, Map<String, Long> expected) {
        String token = tokenFor(platform);
        for (var filter : FILTERS.entrySet()) {
            long total = total(token, filter.getKey());
            if (expected.containsKey(filter.getKey())) {
                assertThat(total).as("total of ?%s", filter.getKey()).isEqualTo(expected.get(filter.getKey()));
            }
            assertThat(total).as("total of ?%s against an exact count", filter.getKey())
                    .isEqualTo(exactCount(platform.environmentId(), filter.getValue()));
        }
    }

    private long exactCount(UUID environment, String condition) {
        return jdbc.sql("select count(*) from settlements s where exists (select 1 from settlement_parties p"
                        + " where p.settlement_id = s.id and p.environment_id = :env) and " + condition)
                .param("env", environment).query(Long.class).single();
    }

    private long total(String token, String query) {
        ApiResponse list = api.get("/v1/settlements?limit=1" + (query.isEmpty() ? "" : "&" + query), token);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.body().get("total").asLong();
    }
}
