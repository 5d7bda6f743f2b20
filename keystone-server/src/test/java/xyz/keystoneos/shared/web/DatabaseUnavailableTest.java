package xyz.keystoneos.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseUnavailableTest {

    @Test
    void noPooledConnectionWithinTheTimeoutIsAnOutage() {
        SQLTransientConnectionException timeout = new SQLTransientConnectionException(
                "keystone - Connection is not available, request timed out after 10000ms");
        assertThat(DatabaseUnavailable.isCauseOf(new CannotGetJdbcConnectionException("no connection", timeout)))
                .isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new CannotCreateTransactionException("no transaction", timeout)))
                .isTrue();
    }

    @Test
    void postgresShuttingDownOrABrokenConnectionIsAnOutage() {
        assertThat(DatabaseUnavailable.isCauseOf(new RuntimeException(new SQLException(
                "FATAL: terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new RuntimeException(new PSQLException(
                "An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE)))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
    }

    @Test
    void aRollbackOrCommitThatFailedOnAClosedConnectionIsAnOutage() {
        assertThat(DatabaseUnavailable.isCauseOf(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void constraintViolationsProgramLimitsAndOtherFaultsAreNot() {
        assertThat(DatabaseUnavailable.isCauseOf(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new SQLException("statement too complex", "54001"))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new TransactionSystemException("no SQL cause"))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new IllegalStateException("a bug"))).isFalse();
    }
}
