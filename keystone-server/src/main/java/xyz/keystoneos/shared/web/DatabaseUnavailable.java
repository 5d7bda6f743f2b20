package xyz.keystoneos.shared.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure that means "the database cannot be reached right now" (it is restarting, down, or the
 * network to it is cut), as opposed to a fault of the request or of the server: no pooled connection within
 * {@code keystone.database.connection-timeout}, a connection broken mid-request (so that even the rollback or the
 * commit failed), or PostgreSQL shutting down. Such a request answers 503 {@code database_unavailable} with
 * {@code Retry-After}. Its transaction was rolled back, except when the connection broke during the commit itself,
 * whose outcome the server cannot know: a retry with the same idempotency key is safe either way.
 */
final class DatabaseUnavailable {

    static final String CODE = "database_unavailable";
    static final String DETAIL = "The service cannot reach its database at the moment; retry shortly (writes with the same"
            + " idempotency key)";
    static final String RETRY_AFTER_SECONDS = "5";

    /** SQLSTATE 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting or stopping). */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    /** SQLSTATE class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private DatabaseUnavailable() {
    }

    static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (isConnectionFailure(cause)) {
                return true;
            }
        }
        return false;
    }

    static Problem problem() {
        return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, CODE, DETAIL, List.of(), RequestIds.current());
    }

    /** The innermost cause, for a one-line log of why the database could not be reached. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static boolean isConnectionFailure(Throwable cause) {
        if (cause instanceof TransactionSystemException && cause.getCause() instanceof SQLException) {
            return true; // the rollback or commit itself failed: the connection is gone
        }
        if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
                || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            return sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS) || SHUTDOWN_STATES.contains(sql.getSQLState());
        }
        return false;
    }
}
