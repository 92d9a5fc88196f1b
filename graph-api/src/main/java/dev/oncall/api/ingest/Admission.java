package dev.oncall.api.ingest;

import java.time.Duration;

/**
 * A rate limit's answer to one event: admitted, or refused until {@code retryAfter} has passed (then
 * the window has room for the next event).
 */
record Admission(boolean admitted, Duration retryAfter) {
    static final Admission ADMITTED = new Admission(true, Duration.ZERO);

    Admission {
        if (admitted ? !retryAfter.isZero() : !retryAfter.isPositive()) {
            throw new IllegalArgumentException("an admission waits for nothing, a refusal for a positive time: " + retryAfter);
        }
    }

    static Admission refused(Duration retryAfter) {
        return new Admission(false, retryAfter);
    }

    /** The wait as a {@code Retry-After} value: whole seconds, rounded up, at least 1. */
    long retryAfterSeconds() {
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
