package dev.oncall.api.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pod's ingest rate limit: per integration key, the instants of the events it accepted in the
 * last {@code period} (a sliding log). An event at {@code now} is accepted only while fewer than
 * {@code limit} lie in {@code (now - period, now]}, so no window of that length, wherever it starts,
 * holds more than {@code limit} accepted events. (A fixed window, reset every period, lets up to
 * twice the limit through around its edge.)
 *
 * <p>Memory is one instant per accepted event still inside the window, per key that sent within it;
 * keys are integration keys that exist (unknown ones are refused before the limit is asked).
 */
final class SlidingWindowLog {
    private final int limit;
    private final Duration period;
    private final Map<UUID, ArrayDeque<Instant>> logs = new ConcurrentHashMap<>();

    SlidingWindowLog(int limit, Duration period) {
        this.limit = limit;
        this.period = period;
    }

    /** Records an event of {@code key} at {@code now} if the window has room; otherwise the wait until it has. */
    Admission tryAcquire(UUID key, Instant now) {
        ArrayDeque<Instant> log = logs.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            Instant horizon = now.minus(period);
            while (!log.isEmpty() && !log.peekFirst().isAfter(horizon)) {
                log.pollFirst();
            }
            if (log.size() < limit) {
                log.addLast(now);
                return Admission.ADMITTED;
            }
            // The oldest event leaves the window at oldest + period; the next one fits then.
            return Admission.refused(Duration.between(now, log.peekFirst().plus(period)));
        }
    }

    /** Takes back the event recorded at {@code at} by {@link #tryAcquire}: it was refused elsewhere after all. */
    void giveBack(UUID key, Instant at) {
        ArrayDeque<Instant> log = logs.get(key);
        if (log != null) {
            synchronized (log) {
                log.removeLastOccurrence(at);
            }
        }
    }
}
