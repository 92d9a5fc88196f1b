package dev.oncall.store.oncall;

import java.time.Instant;
import java.util.UUID;

/**
 * A cache entry's identity: the schedule, its configuration version, and the bucket. Every
 * change bumps the version, so an entry computed before a change is never read after it.
 */
public record BucketKey(UUID scheduleId, long version, Instant bucketStart) {
    static final String PREFIX = "oncall:bucket:";

    public String redisKey() {
        return PREFIX + scheduleId + ":" + version + ":" + bucketStart.getEpochSecond();
    }
}
