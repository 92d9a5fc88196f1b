package dev.oncall.store.oncall;

import dev.oncall.core.schedule.Segment;
import java.util.List;

/** What the cache holds for one key. */
public sealed interface CachedBucket {
    /** A readable entry. */
    record Present(List<Segment> segments) implements CachedBucket {
        public Present {
            segments = List.copyOf(segments);
        }
    }

    /** No entry. */
    record Absent() implements CachedBucket {}

    /** An entry that does not decode (written by a broken or foreign writer). */
    record Corrupt(String raw) implements CachedBucket {}
}
