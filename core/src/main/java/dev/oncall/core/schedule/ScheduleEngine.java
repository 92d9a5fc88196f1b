package dev.oncall.core.schedule;

import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.user.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who is on call: a pure function of a schedule and instants (the rules of docs/schedules.md).
 * No clock, no zone of the JVM, no I/O; the same arguments give the same answer anywhere.
 * All ranges are half-open, [from, to), and must lie inside
 * [{@link ScheduleLimits#EARLIEST}, {@link ScheduleLimits#LATEST}].
 */
public final class ScheduleEngine {
    /**
     * {@link #nextChange} looks at least this far past the later of its argument and the
     * schedule's last dated entry (layer start or end, override, cover request) before it
     * concludes that nothing changes; see {@link #lookahead(Schedule)}.
     */
    public static final Duration MIN_LOOKAHEAD = Duration.ofDays(366);

    private ScheduleEngine() {
    }

    /** The timeline of [from, to) (rule 7): merged segments, and gaps where nobody is on call. */
    public static Timeline render(Schedule schedule, Instant from, Instant to) {
        checkRange(from, to);
        List<Segment> segments = new ArrayList<>();
        List<Gap> gaps = new ArrayList<>();
        Instant covered = from;
        for (ExplainedSegment piece : Sweep.explain(schedule, from, to)) {
            if (piece.start().isAfter(covered)) {
                gaps.add(new Gap(covered, piece.start()));
            }
            List<UserRef> users = piece.users();
            Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (last != null && last.end().equals(piece.start()) && last.users().equals(users)) {
                segments.set(segments.size() - 1, last.withEnd(piece.end()));
            } else {
                segments.add(new Segment(piece.start(), piece.end(), users));
            }
            covered = piece.end();
        }
        if (to.isAfter(covered)) {
            gaps.add(new Gap(covered, to));
        }
        return new Timeline(segments, gaps);
    }

    /**
     * The unmerged evaluation of [from, to) with the reason for every user: the basis of shift
     * materialization and of "why is this person on call" answers.
     */
    public static List<ExplainedSegment> explain(Schedule schedule, Instant from, Instant to) {
        checkRange(from, to);
        return Sweep.explain(schedule, from, to);
    }

    /** The users on call at {@code at}, in order; empty when nobody is. */
    public static List<UserRef> onCallAt(Schedule schedule, Instant at) {
        checkInstant("at", at);
        List<Override> overrides = schedule.overrides();
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (overrides.get(i).contains(at)) {
                return List.of(overrides.get(i).user());
            }
        }
        ZoneRules rules = schedule.zone().getRules();
        List<Assignment> assignments = List.of();
        for (int i = schedule.layers().size() - 1; i >= 0 && assignments.isEmpty(); i--) {
            Layer layer = schedule.layers().get(i);
            LayerPlan plan = new LayerPlan(layer, rules);
            if (!plan.running(at)) {
                continue;
            }
            if (!layer.restrictions().isEmpty() && !Windows.isOpen(layer.restrictions(), rules, at)) {
                continue;
            }
            long shift = plan.shiftAt(at);
            List<Assignment> fromLayer = new ArrayList<>();
            for (UserRef user : plan.users(shift)) {
                fromLayer.add(Assignment.fromLayer(user, i, shift));
            }
            assignments = fromLayer;
        }
        if (assignments.isEmpty()) {
            return List.of();
        }
        BitSet active = new BitSet();
        List<CoverRequest> coverRequests = schedule.coverRequests();
        for (int i = 0; i < coverRequests.size(); i++) {
            if (coverRequests.get(i).contains(at)) {
                active.set(i);
            }
        }
        if (active.isEmpty()) {
            return assignments.stream().map(Assignment::user).toList();
        }
        return Sweep.applyCoverRequests(coverRequests, active, assignments).stream().map(Assignment::user).toList();
    }

    /**
     * The first instant after {@code after} at which the users on call (as an ordered list)
     * differ from those at {@code after}; empty when they do not change within the lookahead.
     */
    public static Optional<Instant> nextChange(Schedule schedule, Instant after) {
        checkInstant("after", after);
        List<UserRef> current = onCallAt(schedule, after);
        Instant horizon = lookahead(schedule, after);
        Duration chunk = Duration.ofDays(1);
        Instant from = after;
        while (from.isBefore(horizon)) {
            Instant to = from.plus(chunk).isAfter(horizon) ? horizon : from.plus(chunk);
            Timeline timeline = render(schedule, from, to);
            Optional<Instant> change = firstDifference(timeline, current, from);
            if (change.isPresent()) {
                return change;
            }
            from = to;
            chunk = chunk.multipliedBy(2);
        }
        return Optional.empty();
    }

    /**
     * The first instant after {@code after} at which some layer hands over from one shift to
     * the next (rule 2), including a layer's first handoff, its start. Handoffs count whether
     * or not restrictions, higher layers or overrides hide them, and whether or not the same
     * people hold the next shift; a layer's end is not a handoff.
     */
    public static Optional<Instant> nextHandoff(Schedule schedule, Instant after) {
        checkInstant("after", after);
        ZoneRules rules = schedule.zone().getRules();
        Instant best = null;
        for (int i = 0; i < schedule.layers().size(); i++) {
            LayerPlan plan = new LayerPlan(schedule.layers().get(i), rules);
            long k = plan.shiftAt(after) + 1;
            Instant next = plan.handoff(k);
            while (!next.isAfter(after)) {
                next = plan.handoff(++k);
            }
            if ((plan.end == null || next.isBefore(plan.end)) && (best == null || next.isBefore(best))) {
                best = next;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * How long each user is on call within [from, to), for fairness reports; a shift shared by
     * two users counts fully for each. Sorted by user id.
     */
    public static Map<UserRef, Duration> hoursByUser(Schedule schedule, Instant from, Instant to) {
        checkRange(from, to);
        Map<UserRef, Duration> hours = new TreeMap<>();
        for (ExplainedSegment piece : Sweep.explain(schedule, from, to)) {
            Duration length = Duration.between(piece.start(), piece.end());
            for (Assignment a : piece.assignments()) {
                hours.merge(a.user(), length, Duration::plus);
            }
        }
        return Collections.unmodifiableMap(hours);
    }

    /** The gaps of [from, to): the times nobody is on call. */
    public static List<Gap> gaps(Schedule schedule, Instant from, Instant to) {
        return render(schedule, from, to).gaps();
    }

    /**
     * Where {@link #nextChange} stops looking: past the later of {@code after} and the last
     * dated entry, by {@link #MIN_LOOKAHEAD} or two full turns of the longest layer, whichever
     * is longer, plus a week for restriction windows; capped at {@link ScheduleLimits#LATEST}.
     * When every layer is steady (no restrictions, the same people every shift), nothing can
     * change after the last dated entry, so the search stops there.
     */
    static Instant lookahead(Schedule schedule, Instant after) {
        ZoneRules rules = schedule.zone().getRules();
        Instant lastDated = after;
        boolean steady = true;
        double longestTurn = 0;
        for (int i = 0; i < schedule.layers().size(); i++) {
            LayerPlan plan = new LayerPlan(schedule.layers().get(i), rules);
            lastDated = later(lastDated, plan.start);
            if (plan.end != null) {
                lastDated = later(lastDated, plan.end);
            }
            steady &= plan.isSteady();
            longestTurn = Math.max(longestTurn, plan.cycleShifts() * plan.nominalSeconds());
        }
        for (Override o : schedule.overrides()) {
            lastDated = later(lastDated, o.end());
        }
        for (CoverRequest c : schedule.coverRequests()) {
            lastDated = later(lastDated, c.end());
        }
        Instant horizon;
        if (steady) {
            horizon = lastDated.plusSeconds(1);
        } else {
            long seconds = Math.max(MIN_LOOKAHEAD.getSeconds(), (long) Math.ceil(2 * longestTurn)) + Duration.ofDays(8).getSeconds();
            horizon = lastDated.plusSeconds(Math.min(seconds, Duration.between(ScheduleLimits.EARLIEST, ScheduleLimits.LATEST).getSeconds()));
        }
        return horizon.isAfter(ScheduleLimits.LATEST) ? ScheduleLimits.LATEST : horizon;
    }

    private static Optional<Instant> firstDifference(Timeline timeline, List<UserRef> current, Instant from) {
        List<Segment> segments = timeline.segments();
        List<Gap> gaps = timeline.gaps();
        int s = 0;
        int g = 0;
        while (s < segments.size() || g < gaps.size()) {
            boolean segmentFirst = g >= gaps.size()
                    || (s < segments.size() && segments.get(s).start().isBefore(gaps.get(g).start()));
            Instant start = segmentFirst ? segments.get(s).start() : gaps.get(g).start();
            List<UserRef> users = segmentFirst ? segments.get(s++).users() : List.of();
            if (!segmentFirst) {
                g++;
            }
            if (!users.equals(current)) {
                return Optional.of(start);
            }
        }
        return Optional.empty();
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    private static void checkRange(Instant from, Instant to) {
        checkInstant("from", from);
        checkInstant("to", to);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to (" + to + ") must be after from (" + from + ")");
        }
    }

    private static void checkInstant(String name, Instant t) {
        if (t == null) {
            throw new NullPointerException(name);
        }
        if (!ScheduleLimits.supported(t)) {
            throw new IllegalArgumentException(name + " must be between " + ScheduleLimits.EARLIEST + " and "
                    + ScheduleLimits.LATEST + ", got " + t);
        }
    }
}
