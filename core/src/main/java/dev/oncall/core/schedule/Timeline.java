package dev.oncall.core.schedule;

import dev.oncall.core.user.UserRef;
import java.time.Instant;
import java.util.List;

/**
 * A rendered range (rule 7): segments ordered, disjoint, adjacent ones with the same users
 * merged; gaps are the rest of the range, also ordered. Together they tile the range exactly.
 */
public record Timeline(List<Segment> segments, List<Gap> gaps) {
    public Timeline {
        segments = List.copyOf(segments);
        gaps = List.copyOf(gaps);
        for (int i = 1; i < segments.size(); i++) {
            Segment before = segments.get(i - 1);
            Segment after = segments.get(i);
            if (after.start().isBefore(before.end())) {
                throw new IllegalArgumentException("segments overlap or are out of order at " + after.start());
            }
            if (after.start().equals(before.end()) && after.users().equals(before.users())) {
                throw new IllegalArgumentException("adjacent segments with the same users must be merged at " + after.start());
            }
        }
        for (int i = 1; i < gaps.size(); i++) {
            if (!gaps.get(i).start().isAfter(gaps.get(i - 1).end())) {
                throw new IllegalArgumentException("gaps overlap, touch or are out of order at " + gaps.get(i).start());
            }
        }
    }

    public static Timeline of(List<Segment> segments, List<Gap> gaps) {
        return new Timeline(segments, gaps);
    }

    /** The users on call at {@code t}, if {@code t} lies inside the rendered range; empty in a gap. */
    public List<UserRef> usersAt(Instant t) {
        int low = 0;
        int high = segments.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Segment s = segments.get(mid);
            if (t.isBefore(s.start())) {
                high = mid - 1;
            } else if (!t.isBefore(s.end())) {
                low = mid + 1;
            } else {
                return s.users();
            }
        }
        return List.of();
    }
}
