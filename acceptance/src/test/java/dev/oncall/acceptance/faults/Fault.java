package dev.oncall.acceptance.faults;

import java.time.Instant;

/** One fault as injected: what, to which process or server, from when until everything was back. */
public record Fault(FaultKind kind, String target, Instant start, Instant end) {

    /** Whether {@code at} falls inside the fault or within {@code slackSeconds} after it ended. */
    public boolean covers(Instant at, long slackSeconds) {
        return !at.isBefore(start) && !at.isAfter(end.plusSeconds(slackSeconds));
    }
}
