package dev.oncall.platform.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure that says "the database cannot be reached right now" rather than "this
 * request is wrong": no connection within the pool's wait, a connection lost or refused
 * (SQLSTATE class 08), the server shutting down or starting (57P01, 57P02, 57P03), a statement
 * that got no answer within the socket timeout. Callers answer these "unavailable, try again"
 * (HTTP 503 with Retry-After, a GraphQL UNAVAILABLE error) instead of an internal error. Spring
 * and the pool wrap the driver's exception, so the whole cause chain is searched.
 *
 * <p>Like {@link SerializationFailures}, one rule used by every caller; unlike them these are
 * not retried inside a transaction: the database stays away for longer than a request should wait.
 */
public final class DatabaseUnavailable {
    private DatabaseUnavailable() {}

    public static boolean isCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && unavailable(sql)) {
                return true;
            }
            // A rollback on the lost connection failed too and took the place of why the work failed.
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && isCause(rollback.getApplicationException())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException error) {
        for (SQLException s = error; s != null; s = s.getNextException()) {
            // The pool's "no connection within connection-timeout" and the driver's refused or broken connection.
            if (s instanceof SQLTransientConnectionException || s instanceof SQLNonTransientConnectionException
                    || s instanceof SQLTimeoutException) {
                return true;
            }
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                    || state.equals("57P03"))) {
                return true;
            }
        }
        return false;
    }
}
