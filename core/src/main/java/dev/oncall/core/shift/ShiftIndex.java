package dev.oncall.core.shift;

import dev.oncall.core.user.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;

/**
 * "Who is on call at t" over a list of shifts in O(log n): the shifts are cut at every start
 * and end into elementary intervals, each holding its precomputed user list, and a lookup is
 * one binary search over the interval starts. Nothing is allocated per lookup.
 *
 * <p>Users come in shift position order (then by id), each once, as
 * {@code ScheduleEngine.onCallAt} lists them. Outside the shifts' span the answer is empty:
 * the caller must know which horizon the shifts were materialized for.
 */
public final class ShiftIndex {
    private static final Comparator<Shift> BY_PLACE = Comparator.comparingInt(Shift::position).thenComparing(Shift::user);

    /** Start of interval i, as epoch seconds and nanos (split so any Instant fits). */
    private final long[] seconds;
    private final int[] nanos;
    /** Users during interval i, which runs to the start of interval i+1 (the last one is empty). */
    private final List<List<UserRef>> users;

    private ShiftIndex(long[] seconds, int[] nanos, List<List<UserRef>> users) {
        this.seconds = seconds;
        this.nanos = nanos;
        this.users = users;
    }

    public static ShiftIndex of(List<Shift> shifts) {
        List<Shift> byStart = new ArrayList<>(shifts);
        byStart.sort(Comparator.comparing(Shift::start));
        Instant[] cuts = new Instant[byStart.size() * 2];
        for (int i = 0; i < byStart.size(); i++) {
            cuts[2 * i] = byStart.get(i).start();
            cuts[2 * i + 1] = byStart.get(i).end();
        }
        Arrays.sort(cuts);
        PriorityQueue<Shift> active = new PriorityQueue<>(Comparator.comparing(Shift::end));
        List<Instant> starts = new ArrayList<>();
        List<List<UserRef>> lists = new ArrayList<>();
        List<UserRef> previous = List.of();
        int next = 0;
        for (int c = 0; c < cuts.length; c++) {
            Instant cut = cuts[c];
            if (c > 0 && cut.equals(cuts[c - 1])) {
                continue;
            }
            while (!active.isEmpty() && !active.peek().end().isAfter(cut)) {
                active.poll();
            }
            while (next < byStart.size() && !byStart.get(next).start().isAfter(cut)) {
                active.add(byStart.get(next++));
            }
            List<UserRef> current = usersOf(active);
            if (!current.equals(previous) || starts.isEmpty()) {
                starts.add(cut);
                lists.add(current);
                previous = current;
            }
        }
        long[] seconds = new long[starts.size()];
        int[] nanos = new int[starts.size()];
        for (int i = 0; i < starts.size(); i++) {
            seconds[i] = starts.get(i).getEpochSecond();
            nanos[i] = starts.get(i).getNano();
        }
        return new ShiftIndex(seconds, nanos, List.copyOf(lists));
    }

    /** The users on call at {@code t}, in order; empty when nobody is. */
    public List<UserRef> onCallAt(Instant t) {
        long s = t.getEpochSecond();
        int n = t.getNano();
        int low = 0;
        int high = seconds.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (seconds[mid] < s || (seconds[mid] == s && nanos[mid] <= n)) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found < 0 ? List.of() : users.get(found);
    }

    /** How many elementary intervals the index holds (for sizing and benchmarks). */
    public int size() {
        return seconds.length;
    }

    private static List<UserRef> usersOf(PriorityQueue<Shift> active) {
        if (active.isEmpty()) {
            return List.of();
        }
        if (active.size() == 1) {
            return List.of(active.peek().user());
        }
        List<Shift> ordered = new ArrayList<>(active);
        ordered.sort(BY_PLACE);
        LinkedHashSet<UserRef> users = new LinkedHashSet<>();
        for (Shift shift : ordered) {
            users.add(shift.user());
        }
        return List.copyOf(users);
    }
}
