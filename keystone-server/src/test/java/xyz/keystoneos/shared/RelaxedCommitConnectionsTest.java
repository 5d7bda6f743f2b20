package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import xyz.keystoneos.shared.database.RelaxedCommitConnections;
import xyz.keystoneos.support.IntegrationTest;

/**
 * The relaxed pool (rate limits, idempotency claims, activity entries) commits without waiting for the WAL flush
 * and cancels slow statements; the main pool, which holds everything else, waits and has no timeout.
 */
class RelaxedCommitConnectionsTest extends IntegrationTest {

    @Autowired
    RelaxedCommitConnections relaxed;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    private static String setting(DataSource source, String name) throws SQLException {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement();
                var result = statement.executeQuery("show " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    @Test
    void onlyTheRelaxedPoolsConnectionsSkipTheFlushAndCancelSlowStatements() throws SQLException {
        assertThat(setting(relaxed.dataSource(), "synchronous_commit")).isEqualTo("off");
        assertThat(setting(relaxed.dataSource(), "statement_timeout")).isEqualTo("5s");
        assertThat(setting(dataSource, "synchronous_commit")).isEqualTo("on");
        assertThat(setting(dataSource, "statement_timeout")).isEqualTo("0");
    }

    @Test
    void aTransactionOnTheRelaxedPoolCommitsOrRollsBackOnItsOwn() {
        String committed = "relaxed-" + UUID.randomUUID();
        String rolledBack = "relaxed-" + UUID.randomUUID();
        jdbc.sql("create table if not exists relaxed_probe (name text primary key)").update();

        relaxed.inTransaction(status -> relaxed.jdbc().sql("insert into relaxed_probe values (:n)")
                .param("n", committed).update());
        assertThatThrownBy(() -> relaxed.inTransaction(status -> {
            relaxed.jdbc().sql("insert into relaxed_probe values (:n)").param("n", rolledBack).update();
            throw new IllegalStateException("undo");
        })).hasMessage("undo");

        assertThat(jdbc.sql("select name from relaxed_probe where name in (:a, :b)")
                .param("a", committed).param("b", rolledBack).query(String.class).list()).containsExactly(committed);
    }
}
