package dev.oncall.acceptance.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a fault run's wall time went, phase by phase, so a slow run says what it waited for. */
final class Phases {
    private final Map<String, Duration> took = new LinkedHashMap<>();
    private Instant since = Instant.now();

    /** Ends the phase running since the last one ended (or since this was made). */
    void end(String phase) {
        Instant now = Instant.now();
        took.put(phase, Duration.between(since, now));
        since = now;
    }

    Map<String, Duration> took() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(took));
    }
}
