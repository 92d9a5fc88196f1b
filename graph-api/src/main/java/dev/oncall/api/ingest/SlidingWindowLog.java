package dev.oncall.api.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pod's rate limit: per key (an integration key, a source address, a heartbeat monitor's
 * key), the instants of the events it accepted in the last {@code period} (a sliding log). An
 * event at {@code now} is accepted only while fewer than {@code limit} lie in
 * {@code (now - period, now]}, so no window of that length, wherever it starts, holds more than
 * {@code limit} accepted events. (A fixed window, reset every period, lets up to twice the limit
 * through around its edge.)
 *
 * <p>Memory is one instant per accepted event still inside the window, per key that sent within
 * it; once more than {@link #SWEEP_ABOVE} keys are held, keys whose events have all left the
 * window are dropped, so keys chosen by strangers cannot grow it without bound.
 */
final class SlidingWindowLog<K> {
    static final int SWEEP_ABOVE = 10_000;

    private final int limit;
    private final Duration period;
    private final Map<K, ArrayDeque<Instant>> logs = new ConcurrentHashMap<>();

    SlidingWindowLog(int limit, Duration period) {
        this.limit = limit;
        this.period = period;
    }

    /** Records an event of {@code key} at {@code now} if the window has room; otherwise the wait until it has. */
    Admission tryAcquire(K key, Instant now) {
        if (logs.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        ArrayDeque<Instant> log = logs.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            Optional<Duration> wait = waitIn(log, now);
            if (wait.isEmpty()) {
                log.addLast(now);
                return Admission.ADMITTED;
            }
            return Admission.refused(wait.get());
        }
    }

    /** The wait until {@code key}'s window has room, if it is full now; records nothing. */
    Optional<Duration> full(K key, Instant now) {
        ArrayDeque<Instant> log = logs.get(key);
        if (log == null) {
            return Optional.empty();
        }
        synchronized (log) {
            return waitIn(log, now);
        }
    }

    /** Drops the events that left the window; the wait until it has room, if it is full. */
    private Optional<Duration> waitIn(ArrayDeque<Instant> log, Instant now) {
        Instant horizon = now.minus(period);
        while (!log.isEmpty() && !log.peekFirst().isAfter(horizon)) {
            log.pollFirst();
        }
        // The oldest event leaves the window at oldest + period; the next one fits then.
        return log.size() < limit ? Optional.empty() : Optional.of(Duration.between(now, log.peekFirst().plus(period)));
    }

    private void sweep(Instant now) {
        Instant horizon = now.minus(period);
        logs.values().removeIf(log -> {
            synchronized (log) {
                return log.isEmpty() || !log.peekLast().isAfter(horizon);
            }
        });
    }

    /** Takes back the event recorded at {@code at} by {@link #tryAcquire}: it was refused elsewhere after all. */
    void giveBack(K key, Instant at) {
        ArrayDeque<Instant> log = logs.get(key);
        if (log != null) {
            synchronized (log) {
                log.removeLastOccurrence(at);
            }
        }
    }
}
