package dev.oncall.platform.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure that says "the database cannot be reached right now" rather than "this
 * request is wrong": no connection within the pool's wait, a connection lost or refused
 * (SQLSTATE class 08), a login refused (class 28), the server shutting down, starting or out of
 * connections (57P01, 57P02, 57P03, 53300), a statement that got no answer within the socket
 * timeout. graph-api answers these "unavailable, try again" (HTTP 503 with Retry-After, a GraphQL
 * UNAVAILABLE error) instead of an internal error; the auditor pages them as "cannot reach the
 * database". Spring and the pool wrap the driver's exception, so the whole cause chain is searched.
 *
 * <p>Like {@link SerializationFailures}, one rule used by every caller; unlike them these are
 * not retried inside a transaction: the database stays away for longer than a request should wait.
 */
public final class DatabaseUnavailable {
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {}

    public static boolean isCause(Throwable error) {
        return cause(error).isPresent();
    }

    /** The innermost failure in {@code error}'s cause chain that shows the database could not be reached. */
    public static Optional<Throwable> cause(Throwable error) {
        Optional<Throwable> found = Optional.empty();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException
                    || t instanceof SQLException sql && unavailable(sql)) {
                found = Optional.of(t);
            }
            // A rollback on the lost connection failed too and took the place of why the work failed.
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                Optional<Throwable> inner = cause(rollback.getApplicationException());
                if (inner.isPresent()) {
                    found = inner;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return found;
    }

    private static boolean unavailable(SQLException error) {
        for (SQLException s = error; s != null; s = s.getNextException()) {
            // The pool's "no connection within connection-timeout" and the driver's refused or broken connection.
            if (s instanceof SQLTransientConnectionException || s instanceof SQLNonTransientConnectionException
                    || s instanceof SQLRecoverableException || s instanceof SQLTimeoutException) {
                return true;
            }
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("28") || STATES.contains(state))) {
                return true;
            }
        }
        return false;
    }
}
