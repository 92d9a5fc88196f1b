package dev.oncall.auditor.outage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Tells a failure to reach the database (no connection could be had, or the one in use was
 * lost) from every other failure of a run: only the first is paged as "cannot reach the
 * database"; anything else (a bug, a refused configuration) is left to the silence of the
 * heartbeat, so a page never names a cause it did not see.
 */
public final class UnreachableDatabase {
    /**
     * SQLSTATEs of a database that cannot be used at all: class 08 (connection exceptions) and
     * class 28 (the login is refused) by prefix, and these by value: the server shutting down,
     * starting up, or out of connections.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private UnreachableDatabase() {}

    /** The innermost cause that shows the database could not be reached, if {@code failure} has one. */
    public static Optional<Throwable> cause(Throwable failure) {
        Optional<Throwable> found = Optional.empty();
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLException sql && unreachable(sql)) {
                found = Optional.of(t);
            }
        }
        return found;
    }

    private static boolean unreachable(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("28") || STATES.contains(state));
    }
}
