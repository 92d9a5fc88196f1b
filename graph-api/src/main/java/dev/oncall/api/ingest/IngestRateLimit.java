package dev.oncall.api.ingest;

import dev.oncall.platform.redis.RedisConnections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The ingest rate limit (docs/alerts.md): at most {@code rateLimit} events per integration key in
 * any window of {@code ratePeriod}, counted for the whole region in its Redis
 * ({@link SharedSlidingWindow}). Each pod also keeps its own log of what it accepted
 * ({@link SlidingWindowLog}): it decides alone while Redis is down or slow, so one pod then
 * accepts at most the limit (the region at most pods × limit), and it carries the pod's recent
 * history over a Redis outage or restart in both directions, so neither switch opens a fresh burst.
 */
@Component
class IngestRateLimit {
    private final SlidingWindowLog<UUID> local;
    private final SharedSlidingWindow shared;
    private final Clock clock;

    IngestRateLimit(IngestProperties settings, RedisConnections redis, Clock clock, MeterRegistry meters) {
        this.local = new SlidingWindowLog<>(settings.rateLimit(), settings.ratePeriod());
        this.shared = new SharedSlidingWindow(redis, settings.rateLimit(), settings.ratePeriod(),
                settings.rateLimitRedisTimeout(), settings.rateLimitBreakerOpen(), clock);
        this.clock = clock;
        Gauge.builder("oncall.circuit.breaker.open", shared, s -> s.breakerOpen() ? 1 : 0).tag("breaker", "ingest-rate-limit")
                .description("1 while the ingest rate limit keeps away from a failing Redis and counts per graph-api")
                .register(meters);
    }

    /** Counts an event of integration key {@code key} if the limit lets it through now. */
    Admission acquire(UUID key) {
        // Microseconds: the shared log's grain, so both logs hold the same instants.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // A full local log means this pod alone filled the window: no need to ask Redis.
        Admission mine = local.tryAcquire(key, now);
        if (!mine.admitted()) {
            return mine;
        }
        Optional<Admission> region = shared.tryAcquire(key, now);
        if (region.isPresent() && !region.get().admitted()) {
            local.giveBack(key, now);
            return region.get();
        }
        return Admission.ADMITTED;
    }

    /** True while Redis is being avoided and each pod limits on its own. */
    boolean sharedUnavailable() {
        return shared.breakerOpen();
    }
}
