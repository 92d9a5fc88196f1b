package dev.oncall.acceptance.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * One fault as injected: what, to which process or server, from when until everything was back;
 * for a clock step, by how much the target's clock was off meanwhile (zero for every other kind).
 */
public record Fault(FaultKind kind, String target, Instant start, Instant end, Duration skew) {

    public Fault(FaultKind kind, String target, Instant start, Instant end) {
        this(kind, target, start, end, Duration.ZERO);
    }

    /** Whether {@code at} falls inside the fault or within {@code slackSeconds} after it ended. */
    public boolean covers(Instant at, long slackSeconds) {
        return !at.isBefore(start) && !at.isAfter(end.plusSeconds(slackSeconds));
    }
}
