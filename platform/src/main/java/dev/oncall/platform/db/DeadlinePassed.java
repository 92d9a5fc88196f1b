package dev.oncall.platform.db;

import org.springframework.dao.QueryTimeoutException;

/**
 * A unit of work reached its {@link Deadline} before it could commit and was rolled back. It is
 * a timeout ({@link DatabaseUnavailable} recognises it), so a request ends as every other
 * database wait that took too long: 503, retry, nothing recorded.
 */
public final class DeadlinePassed extends QueryTimeoutException {
    public DeadlinePassed(String work) {
        super(work + " reached its deadline before it could commit; rolled back, nothing was recorded");
    }
}
