package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import xyz.keystoneos.shared.database.RelaxedCommitConnections;
import xyz.keystoneos.support.IntegrationTest;

/** The rate limiter's pool commits without waiting for the WAL flush; the main pool, which holds everything else, waits. */
class RelaxedCommitConnectionsTest extends IntegrationTest {

    @Autowired
    RelaxedCommitConnections relaxed;

    @Autowired
    DataSource dataSource;

    private static String synchronousCommit(DataSource source) throws SQLException {
        try (Connection connection = source.getConnection(); Statement statement = connection.createStatement();
                var result = statement.executeQuery("show synchronous_commit")) {
            result.next();
            return result.getString(1);
        }
    }

    @Test
    void onlyTheRelaxedPoolsConnectionsSkipTheFlush() throws SQLException {
        assertThat(synchronousCommit(relaxed.dataSource())).isEqualTo("off");
        assertThat(synchronousCommit(dataSource)).isEqualTo("on");
    }
}
