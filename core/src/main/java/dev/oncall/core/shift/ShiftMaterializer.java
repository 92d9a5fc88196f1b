package dev.oncall.core.shift;

import dev.oncall.core.schedule.Assignment;
import dev.oncall.core.schedule.ExplainedSegment;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Expands a schedule into stored shifts for a horizon: one record per user per stretch of time
 * that user holds for one reason. A segment with several users becomes one record per user
 * (with its {@code position}); a rotation turn becomes one record per piece that restrictions,
 * higher layers and overrides leave of it; two turns of the same user stay two records.
 * The union of the records is exactly {@link ScheduleEngine#render}'s timeline.
 */
public final class ShiftMaterializer {
    /** How far ahead shifts are kept materialized: six months, rounded up. */
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(184);

    private static final Comparator<Shift> ORDER = Comparator.comparing(Shift::start)
            .thenComparingInt(Shift::position)
            .thenComparing(Shift::user);

    private ShiftMaterializer() {
    }

    /** Shifts for [from, from + {@link #DEFAULT_HORIZON}). */
    public static List<Shift> materialize(Schedule schedule, Instant from) {
        return materialize(schedule, from, from.plus(DEFAULT_HORIZON));
    }

    /** Shifts for [from, to), ordered by start, then position, then user. */
    public static List<Shift> materialize(Schedule schedule, Instant from, Instant to) {
        List<Shift> shifts = new ArrayList<>();
        Map<Key, Shift> open = new HashMap<>();
        Instant openEnd = null;
        for (ExplainedSegment piece : ScheduleEngine.explain(schedule, from, to)) {
            Map<Key, Shift> next = new HashMap<>();
            boolean contiguous = piece.start().equals(openEnd);
            List<Assignment> assignments = piece.assignments();
            for (int position = 0; position < assignments.size(); position++) {
                Assignment a = assignments.get(position);
                Key key = new Key(a, position);
                Shift running = contiguous ? open.remove(key) : null;
                next.put(key, running == null
                        ? shift(schedule, a, position, piece.start(), piece.end())
                        : running.withSpan(running.start(), piece.end()));
            }
            shifts.addAll(open.values());
            open = next;
            openEnd = piece.end();
        }
        shifts.addAll(open.values());
        shifts.sort(ORDER);
        return shifts;
    }

    private static Shift shift(Schedule schedule, Assignment a, int position, Instant start, Instant end) {
        if (a.isOverride()) {
            return new Shift(start, end, a.user(), ShiftSource.OVERRIDE, position, Optional.empty(), Optional.empty(),
                    Optional.empty());
        }
        Optional<String> layer = Optional.of(schedule.layers().get(a.layer()).name());
        ShiftSource source = a.isClaimed() ? ShiftSource.COVERAGE : ShiftSource.ROTATION;
        return new Shift(start, end, a.user(), source, position, layer, a.claimedRequest(), a.openRequest());
    }

    /** What makes two stretches of time one shift: the same user, place and reason. */
    private record Key(Assignment assignment, int position) {
    }
}
