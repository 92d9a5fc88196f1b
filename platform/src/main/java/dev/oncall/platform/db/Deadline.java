package dev.oncall.platform.db;

import java.time.Duration;

/**
 * The instant, on the monotonic clock, after which a unit of work must not commit: its caller
 * has answered, or is about to answer, that nothing was recorded. Monotonic rather than the
 * injected wall clock because it measures how long this process has been at it, which a clock
 * step must not change.
 */
public record Deadline(long nanoTime) {
    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public boolean passed() {
        return System.nanoTime() - nanoTime >= 0;
    }

    /** @throws DeadlinePassed when it has passed, so the work is rolled back rather than committed late */
    public void check(String work) {
        if (passed()) {
            throw new DeadlinePassed(work);
        }
    }
}
