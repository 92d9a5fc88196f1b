package dev.oncall.api.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Limits on the open ingest paths beyond each integration key's own rate limit
 * ({@link IngestRateLimit}): a source address naming keys that do not exist (someone guessing, or a
 * sender left pointing at a deleted key) is refused with 429 once it has named {@code unknownKeyLimit}
 * in a window, before any lookup; a heartbeat monitor takes at most {@code heartbeatPingLimit} pings a
 * window. Both are counted by each graph-api on its own: they bound the work one instance does for
 * a stranger, and an accepted alert never depends on them.
 */
@Component
public class OpenPathLimits {
    private final SlidingWindowLog<String> unknownKeys;
    private final SlidingWindowLog<String> heartbeats;
    private final Clock clock;

    OpenPathLimits(IngestProperties settings, Clock clock) {
        this.unknownKeys = new SlidingWindowLog<>(settings.unknownKeyLimit(), settings.ratePeriod());
        this.heartbeats = new SlidingWindowLog<>(settings.heartbeatPingLimit(), settings.ratePeriod());
        this.clock = clock;
    }

    /** The Retry-After seconds when {@code address} has named too many unknown keys lately; empty: look the key up. */
    public OptionalLong guessing(String address) {
        return seconds(unknownKeys.full(address, clock.instant()));
    }

    /** Counts a request from {@code address} that named no key. */
    public void unknownKey(String address) {
        unknownKeys.tryAcquire(address, clock.instant());
    }

    /** Counts a ping of the monitor with {@code key}: empty when it may go on, else the Retry-After seconds. */
    public OptionalLong heartbeat(String key) {
        Admission admission = heartbeats.tryAcquire(key, clock.instant());
        return admission.admitted() ? OptionalLong.empty() : OptionalLong.of(admission.retryAfterSeconds());
    }

    private static OptionalLong seconds(Optional<Duration> wait) {
        return wait.map(w -> OptionalLong.of(Admission.refused(w).retryAfterSeconds())).orElse(OptionalLong.empty());
    }
}
