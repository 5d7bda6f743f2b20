package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.shared.database.RelaxedCommitConnections;
import xyz.keystoneos.shared.database.Snapshots;
import xyz.keystoneos.support.IntegrationTest;

/** A snapshot read sees one committed state across its queries, writes nothing, and leaves the connection as it was. */
class SnapshotsTest extends IntegrationTest {

    @Autowired
    Snapshots snapshots;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    RelaxedCommitConnections other;

    private final String name = "snapshot-" + UUID.randomUUID();

    @BeforeEach
    void table() {
        jdbc.sql("create table if not exists snapshot_probe (name text, n int)").update();
        jdbc.sql("insert into snapshot_probe values (:name, 1)").param("name", name).update();
    }

    private int count() {
        return jdbc.sql("select count(*) from snapshot_probe where name = :name").param("name", name)
                .query(Integer.class).single();
    }

    @Test
    void aCommitBetweenTwoQueriesOfOneSnapshotIsNotSeen() {
        List<Integer> seen = snapshots.read(() -> {
            int before = count();
            // committed by another connection while the snapshot is open
            other.jdbc().sql("insert into snapshot_probe values (:name, 2)").param("name", name).update();
            return List.of(before, count());
        });

        assertThat(seen).containsExactly(1, 1);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aSnapshotCannotWrite() {
        assertThatThrownBy(() -> snapshots.read(() -> jdbc.sql("insert into snapshot_probe values (:name, 3)")
                .param("name", name).update())).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("read-only");
    }

    @Test
    void insideATransactionItJoinsIt() {
        int seen = transactions.execute(status -> {
            jdbc.sql("insert into snapshot_probe values (:name, 4)").param("name", name).update();
            return snapshots.read(this::count);
        });

        assertThat(seen).isEqualTo(2);
    }

    @Test
    void theConnectionsAfterwardsAreReadCommittedAndWritable() {
        snapshots.read(this::count);

        for (int i = 0; i < 30; i++) {
            String isolation = transactions.execute(status -> jdbc.sql("show transaction_isolation")
                    .query(String.class).single());
            assertThat(isolation).isEqualTo("read committed");
        }
    }
}
