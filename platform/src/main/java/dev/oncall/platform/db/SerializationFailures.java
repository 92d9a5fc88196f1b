package dev.oncall.platform.db;

import java.sql.SQLException;

/**
 * Recognises the errors after which a transaction may simply be run again: serialization
 * failures (40001, which CockroachDB raises routinely and PostgreSQL raises under
 * SERIALIZABLE) and deadlocks (40P01). Spring wraps them, so the whole cause chain is searched.
 */
public final class SerializationFailures {
    private SerializationFailures() {}

    public static boolean isRetryable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if ("40001".equals(state) || "40P01".equals(state)) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
