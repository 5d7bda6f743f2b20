package xyz.keystoneos.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import xyz.keystoneos.shared.database.RelaxedCommits;
import xyz.keystoneos.support.TestDatabase;

/** Relaxed durability applies to the transaction it is asked for and to nothing else. */
class RelaxedCommitsTest {

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;
    private static RelaxedCommits relaxedCommits;
    private static TransactionTemplate transactions;

    @BeforeAll
    static void database() {
        TestDatabase.Database database = TestDatabase.create();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.url());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(1);
        jdbc = JdbcClient.create(dataSource);
        relaxedCommits = new RelaxedCommits(jdbc);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    private static String setting(String name) {
        return jdbc.sql("select current_setting(:name)").param("name", name).query(String.class).single();
    }

    @Test
    void aNewTransactionCommitsWithoutWaitingForTheFlushAndTheConnectionForgetsIt() {
        String inside = transactions.execute(status -> {
            relaxedCommits.forThisTransaction(status);
            return setting("synchronous_commit");
        });

        assertThat(inside).isEqualTo("off");
        // the pool has one connection: the next statement runs on the same one, after the transaction ended
        assertThat(setting("synchronous_commit")).isEqualTo("on");
    }

    @Test
    void theStatementTimeoutLastsForTheTransactionOnly() {
        String inside = transactions.execute(status -> {
            relaxedCommits.forThisTransaction(status, Duration.ofSeconds(5));
            return setting("statement_timeout");
        });

        assertThat(inside).isEqualTo("5s");
        assertThat(setting("statement_timeout")).isEqualTo("0");
        assertThat(setting("synchronous_commit")).isEqualTo("on");
    }

    @Test
    void aJoinedTransactionIsLeftAlone() {
        String joined = transactions.execute(outer -> {
            TransactionTemplate inner = new TransactionTemplate(transactions.getTransactionManager());
            inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
            inner.executeWithoutResult(status -> relaxedCommits.forThisTransaction(status));
            return setting("synchronous_commit");
        });

        assertThat(joined).isEqualTo("on");
    }
}
