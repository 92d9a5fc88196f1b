package dev.oncall.core.schedule;

import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.user.UserRef;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates a schedule over a range in one pass (rules 5 and 6, then cover requests): every
 * instant where any layer piece, cover request or override starts or ends is a boundary; between
 * two boundaries nothing changes, so each elementary interval is decided once.
 */
final class Sweep {
    private Sweep() {
    }

    static List<ExplainedSegment> explain(Schedule schedule, Instant from, Instant to) {
        ZoneRules rules = schedule.zone().getRules();
        int layerCount = schedule.layers().size();
        List<List<LayerPlan.Piece>> pieces = new ArrayList<>(layerCount);
        List<LayerPlan> plans = new ArrayList<>(layerCount);
        List<Instant> boundaries = new ArrayList<>();
        boundaries.add(from);
        boundaries.add(to);
        for (int i = 0; i < layerCount; i++) {
            LayerPlan plan = new LayerPlan(schedule.layers().get(i), rules);
            List<LayerPlan.Piece> layerPieces = plan.pieces(from, to);
            plans.add(plan);
            pieces.add(layerPieces);
            for (LayerPlan.Piece p : layerPieces) {
                boundaries.add(p.start());
                boundaries.add(p.end());
            }
        }
        Events overrides = new Events();
        List<Override> overrideList = schedule.overrides();
        for (int i = 0; i < overrideList.size(); i++) {
            Override o = overrideList.get(i);
            overrides.addIfMeets(i, o.start(), o.end(), from, to, boundaries);
        }
        Events coverRequests = new Events();
        List<CoverRequest> coverageList = schedule.coverRequests();
        for (int i = 0; i < coverageList.size(); i++) {
            CoverRequest c = coverageList.get(i);
            coverRequests.addIfMeets(i, c.start(), c.end(), from, to, boundaries);
        }
        overrides.sort();
        coverRequests.sort();

        Instant[] cuts = boundaries.toArray(Instant[]::new);
        Arrays.sort(cuts);
        int[] cursor = new int[layerCount];
        List<ExplainedSegment> out = new ArrayList<>();
        Instant previous = null;
        for (Instant cut : cuts) {
            if (previous == null || cut.equals(previous)) {
                previous = cut;
                continue;
            }
            Instant start = previous;
            previous = cut;
            overrides.advanceTo(start);
            coverRequests.advanceTo(start);
            List<Assignment> assignments = decide(schedule, plans, pieces, cursor, overrides, coverRequests, start);
            if (!assignments.isEmpty()) {
                out.add(new ExplainedSegment(start, cut, assignments));
            }
        }
        return out;
    }

    private static List<Assignment> decide(Schedule schedule, List<LayerPlan> plans, List<List<LayerPlan.Piece>> pieces,
            int[] cursor, Events overrides, Events coverRequests, Instant at) {
        int winner = overrides.highestActive();
        if (winner >= 0) {
            return List.of(Assignment.fromOverride(schedule.overrides().get(winner).user(), winner));
        }
        List<Assignment> assignments = List.of();
        for (int i = plans.size() - 1; i >= 0; i--) {
            List<LayerPlan.Piece> layerPieces = pieces.get(i);
            int c = cursor[i];
            while (c < layerPieces.size() && !layerPieces.get(c).end().isAfter(at)) {
                c++;
            }
            cursor[i] = c;
            if (c < layerPieces.size() && !layerPieces.get(c).start().isAfter(at)) {
                long shift = layerPieces.get(c).shift();
                List<UserRef> users = plans.get(i).users(shift);
                List<Assignment> fromLayer = new ArrayList<>(users.size());
                for (UserRef user : users) {
                    fromLayer.add(Assignment.fromLayer(user, i, shift));
                }
                // Lower layers' cursors catch up when next consulted: `at` only grows.
                assignments = fromLayer;
                break;
            }
        }
        if (assignments.isEmpty() || !coverRequests.anyActive()) {
            return assignments;
        }
        return applyCoverRequests(schedule.coverRequests(), coverRequests.active(), assignments);
    }

    /**
     * Cover requests in listed order: a claimed one hands the requester's place to the claimer,
     * an open one only marks it. A user who ends up listed twice keeps the first place.
     */
    static List<Assignment> applyCoverRequests(List<CoverRequest> all, BitSet active, List<Assignment> assignments) {
        List<Assignment> result = new ArrayList<>(assignments);
        for (int c = active.nextSetBit(0); c >= 0; c = active.nextSetBit(c + 1)) {
            CoverRequest request = all.get(c);
            for (int i = 0; i < result.size(); i++) {
                Assignment a = result.get(i);
                if (!a.user().equals(request.requester())) {
                    continue;
                }
                result.set(i, request.claimedBy()
                        .map(claimer -> a.claimedBy(claimer, request.id()))
                        .orElseGet(() -> a.withOpenRequest(request.id())));
            }
        }
        Set<UserRef> seen = new HashSet<>();
        result.removeIf(a -> !seen.add(a.user()));
        return result;
    }

    /**
     * Entries (overrides or cover requests) that meet the range, with the set of those active at
     * the sweep's current instant. Every start and end is a boundary of the sweep, so the set is
     * constant between two boundaries.
     */
    private static final class Events {
        private final List<Entry> byStart = new ArrayList<>();
        private List<Entry> byEnd = new ArrayList<>();
        private final BitSet active = new BitSet();
        private int nextStart;
        private int nextEnd;

        private record Entry(int index, Instant start, Instant end) {
        }

        void addIfMeets(int index, Instant start, Instant end, Instant from, Instant to, List<Instant> boundaries) {
            if (!start.isBefore(to) || !end.isAfter(from)) {
                return;
            }
            Entry entry = new Entry(index, start, end);
            byStart.add(entry);
            if (start.isAfter(from)) {
                boundaries.add(start);
            }
            if (end.isBefore(to)) {
                boundaries.add(end);
            }
        }

        void sort() {
            byStart.sort(Comparator.comparing(Entry::start));
            byEnd = new ArrayList<>(byStart);
            byEnd.sort(Comparator.comparing(Entry::end));
        }

        void advanceTo(Instant t) {
            while (nextStart < byStart.size() && !byStart.get(nextStart).start().isAfter(t)) {
                active.set(byStart.get(nextStart++).index());
            }
            while (nextEnd < byEnd.size() && !byEnd.get(nextEnd).end().isAfter(t)) {
                active.clear(byEnd.get(nextEnd++).index());
            }
        }

        int highestActive() {
            return active.length() - 1;
        }

        boolean anyActive() {
            return !active.isEmpty();
        }

        BitSet active() {
            return active;
        }
    }
}
