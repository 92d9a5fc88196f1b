package dev.oncall.store.oncall;

import dev.oncall.core.schedule.Segment;
import dev.oncall.core.user.UserRef;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.StoredSchedule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Read-through on-call lookup: reads the schedule's current configuration version (one primary
 * key read), then the bucket's segments from Redis; on a miss it evaluates the bucket from the
 * database with the core engine and stores it. The version comes from the database, never from
 * Redis, so a change is seen by the very next lookup; with Redis down every lookup is answered
 * from the database, as {@link DirectOnCallLookup} would.
 */
public final class CachedOnCallLookup implements OnCallLookup {
    private final Transactions tx;
    private final OnCallCache cache;
    private final DirectOnCallLookup direct;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;

    public CachedOnCallLookup(Transactions tx, ScheduleLoader scheduleLoader, OnCallCache cache, MeterRegistry meters) {
        this.tx = tx;
        this.cache = cache;
        this.direct = new DirectOnCallLookup(scheduleLoader);
        this.hits = Counter.builder("oncall.oncall.cache.hits").description("On-call lookups answered from Redis")
                .register(meters);
        this.misses = Counter.builder("oncall.oncall.cache.misses")
                .description("On-call lookups evaluated from the database and then cached").register(meters);
        this.errors = Counter.builder("oncall.oncall.cache.errors")
                .description("On-call lookups answered from the database because Redis was unavailable").register(meters);
        Gauge.builder("oncall.circuit.breaker.open", cache, c -> c.breakerOpen() ? 1 : 0).tag("breaker", "oncall-cache")
                .description("1 while the on-call cache keeps away from a failing Redis").register(meters);
    }

    @Override
    public List<UUID> onCallAt(UUID scheduleId, Instant at) {
        Instant bucket = OnCallBuckets.start(at);
        if (!OnCallBuckets.evaluable(bucket)) {
            return direct.onCallAt(scheduleId, at);
        }
        Optional<Long> version = tx.read("oncall.version", db -> db.sql("SELECT config_version FROM schedules WHERE id = :id")
                .param("id", scheduleId).query(Long.class).optional());
        if (version.isEmpty()) {
            return List.of();
        }
        Optional<CachedBucket> cached = cache.get(new BucketKey(scheduleId, version.get(), bucket));
        if (cached.isPresent() && cached.get() instanceof CachedBucket.Present present) {
            hits.increment();
            return users(present.segments(), at);
        }
        Optional<StoredSchedule> stored = tx.read("oncall.load", db -> ScheduleLoader.load(db, scheduleId, bucket,
                OnCallBuckets.end(bucket)));
        if (stored.isEmpty()) {
            return List.of();
        }
        List<Segment> segments = OnCallBuckets.render(stored.get().toSchedule(), bucket);
        if (cached.isEmpty()) {
            errors.increment();
        } else {
            misses.increment();
            // Keyed by the version the segments were computed from, read in the same transaction.
            cache.put(new BucketKey(scheduleId, stored.get().info().version(), bucket), segments);
        }
        return users(segments, at);
    }

    private static List<UUID> users(List<Segment> segments, Instant at) {
        return OnCallBuckets.usersAt(segments, at).stream().map(UserRef::requireUuid).toList();
    }
}
