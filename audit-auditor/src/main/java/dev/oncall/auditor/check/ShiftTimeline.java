package dev.oncall.auditor.check;

import dev.oncall.core.schedule.Segment;
import dev.oncall.core.shift.Shift;
import dev.oncall.core.shift.ShiftIndex;
import dev.oncall.core.user.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The timeline that materialized shifts describe inside a window, in the engine's segment form. */
final class ShiftTimeline {
    private ShiftTimeline() {}

    static List<Segment> segments(List<Shift> shifts, Instant from, Instant to) {
        List<Shift> clipped = new ArrayList<>();
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(from);
        for (Shift s : shifts) {
            Instant start = s.start().isBefore(from) ? from : s.start();
            Instant end = s.end().isAfter(to) ? to : s.end();
            if (end.isAfter(start)) {
                clipped.add(s.withSpan(start, end));
                cuts.add(start);
                cuts.add(end);
            }
        }
        cuts.add(to);
        ShiftIndex index = ShiftIndex.of(clipped);
        List<Segment> out = new ArrayList<>();
        Instant previous = null;
        for (Instant cut : cuts) {
            if (previous != null) {
                List<UserRef> users = index.onCallAt(previous);
                Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (users.isEmpty()) {
                    previous = cut;
                    continue;
                }
                if (last != null && last.end().equals(previous) && last.users().equals(users)) {
                    out.set(out.size() - 1, last.withEnd(cut));
                } else {
                    out.add(new Segment(previous, cut, users));
                }
            }
            previous = cut;
        }
        return out;
    }
}
