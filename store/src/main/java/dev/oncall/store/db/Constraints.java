package dev.oncall.store.db;

import dev.oncall.core.validation.ValidationException;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Turns the database refusing a write (a unique key already taken, a referenced row missing)
 * into the field-level error the caller would have got from validation, so a race between two
 * writers gives the same clear answer as a sequential duplicate.
 */
public final class Constraints {
    private Constraints() {}

    /** A field and message for a violated constraint. */
    public record Explanation(String field, String message) {}

    /**
     * Rethrows {@code e} as a {@link ValidationException} when one of {@code known} names the
     * violated constraint; otherwise returns {@code e} for the caller to rethrow.
     */
    public static RuntimeException explain(DataIntegrityViolationException e, Map<String, Explanation> known) {
        String constraint = constraintName(e);
        if (constraint != null) {
            Explanation ex = known.get(constraint);
            if (ex != null) {
                return ValidationException.of(ex.field(), ex.message());
            }
        }
        return e;
    }

    private static String constraintName(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
                return p.getServerErrorMessage().getConstraint();
            }
            if (t instanceof SQLException s && s.getMessage() != null) {
                // CockroachDB names the constraint in the message: duplicate key value violates unique constraint "x"
                int q = s.getMessage().indexOf("constraint \"");
                if (q >= 0) {
                    int start = q + "constraint \"".length();
                    int end = s.getMessage().indexOf('"', start);
                    if (end > start) {
                        return s.getMessage().substring(start, end);
                    }
                }
            }
        }
        return null;
    }
}
