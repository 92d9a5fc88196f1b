package dev.oncall.store.oncall;

import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.schedule.ScheduleLimits;
import dev.oncall.core.schedule.Segment;
import dev.oncall.core.user.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The 5-minute buckets the on-call cache is keyed by. A bucket holds the timeline segments
 * inside it, not one answer, so a handoff at 09:02:30 is answered exactly for every instant of
 * the 09:00 bucket.
 */
public final class OnCallBuckets {
    public static final Duration LENGTH = Duration.ofMinutes(5);

    private OnCallBuckets() {}

    /** The start of the bucket holding {@code at}. */
    public static Instant start(Instant at) {
        long seconds = LENGTH.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    public static Instant end(Instant bucketStart) {
        return bucketStart.plus(LENGTH);
    }

    /** Whether the engine can evaluate the whole bucket (it ends inside the supported time line). */
    public static boolean evaluable(Instant bucketStart) {
        return ScheduleLimits.supported(bucketStart) && ScheduleLimits.supported(end(bucketStart));
    }

    /** The engine's segments inside the bucket, clipped to it; gaps are where no segment is. */
    public static List<Segment> render(Schedule schedule, Instant bucketStart) {
        return ScheduleEngine.render(schedule, bucketStart, end(bucketStart)).segments();
    }

    /** The users of the segment containing {@code at}; empty in a gap. */
    public static List<UserRef> usersAt(List<Segment> segments, Instant at) {
        for (Segment s : segments) {
            if (s.contains(at)) {
                return s.users();
            }
        }
        return List.of();
    }
}
