package dev.oncall.core.schedule;

import dev.oncall.core.user.UserRef;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One layer's shifts as instants in its schedule's zone (rules 2 and 3): handoff k at
 * {@code start + k × length} local, shift k from handoff k to handoff k+1, held by
 * {@code P[(k·u + j) mod n]}. Handoffs that rule 1 maps to the same instant (a rotation
 * through a skipped day) make empty shifts, which hold no time.
 */
final class LayerPlan {
    final Layer layer;
    private final ZoneRules rules;
    final Instant start;
    /** Null when the layer never ends. */
    final Instant end;
    private final double nominalSeconds;

    LayerPlan(Layer layer, ZoneRules rules) {
        this.layer = layer;
        this.rules = rules;
        this.start = LocalTimes.toInstant(layer.start(), rules);
        this.end = layer.end().map(e -> LocalTimes.toInstant(e, rules)).orElse(null);
        this.nominalSeconds = layer.rotation().nominalSeconds();
    }

    Instant handoff(long k) {
        return LocalTimes.toInstant(layer.rotation().handoff(layer.start(), k), rules);
    }

    /** Whether the layer runs at {@code t}, ignoring restrictions. */
    boolean running(Instant t) {
        return !t.isBefore(start) && (end == null || t.isBefore(end));
    }

    /** The largest k with handoff(k) <= t, or -1 before the first handoff. */
    long shiftAt(Instant t) {
        if (t.isBefore(start)) {
            return -1;
        }
        // Estimate k from the wall clock, then step: the estimate is off by at most a few
        // shifts (DST, month lengths), and handoffs are monotone in k, so the steps converge.
        LocalDateTime wall = LocalTimes.wallClock(t, rules);
        double elapsed = wall.toEpochSecond(ZoneOffset.UTC) - layer.start().toEpochSecond(ZoneOffset.UTC);
        long k = Math.max(0, (long) Math.floor(elapsed / nominalSeconds));
        while (k > 0 && handoff(k).isAfter(t)) {
            k--;
        }
        while (!handoff(k + 1).isAfter(t)) {
            k++;
        }
        return k;
    }

    /** The users of shift k in order, each once. */
    List<UserRef> users(long k) {
        List<UserRef> participants = layer.participants();
        int n = participants.size();
        int u = layer.usersPerShift();
        if (u == 1) {
            return List.of(participants.get((int) Math.floorMod(k, (long) n)));
        }
        LinkedHashSet<UserRef> users = new LinkedHashSet<>();
        long first = Math.floorMod(k * u, (long) n);
        for (int j = 0; j < u; j++) {
            users.add(participants.get((int) ((first + j) % n)));
        }
        return List.copyOf(users);
    }

    /**
     * Whether every shift holds the same users and no restriction masks any of them: such a
     * layer never changes who is on call between its start and its end.
     */
    boolean isSteady() {
        if (!layer.restrictions().isEmpty()) {
            return false;
        }
        int n = layer.participants().size();
        int cycle = n / gcd(layer.usersPerShift(), n);
        List<UserRef> first = users(0);
        for (int k = 1; k < cycle; k++) {
            if (!users(k).equals(first)) {
                return false;
            }
        }
        return true;
    }

    /** Shifts in one full turn of the participants: after it the holders repeat. */
    long cycleShifts() {
        int n = layer.participants().size();
        return n / gcd(layer.usersPerShift(), n);
    }

    double nominalSeconds() {
        return nominalSeconds;
    }

    /**
     * The layer's covered pieces inside [from, to): shifts clipped to the range and the layer's
     * end, intersected with its restriction windows. Ordered and disjoint.
     */
    List<Piece> pieces(Instant from, Instant to) {
        List<Piece> pieces = new ArrayList<>();
        Instant upTo = end != null && end.isBefore(to) ? end : to;
        if (!upTo.isAfter(from) || !upTo.isAfter(start)) {
            return pieces;
        }
        long k = Math.max(0, shiftAt(from));
        Instant shiftStart = handoff(k);
        while (shiftStart.isBefore(upTo)) {
            Instant shiftEnd = handoff(k + 1);
            Instant s = shiftStart.isBefore(from) ? from : shiftStart;
            Instant e = shiftEnd.isAfter(upTo) ? upTo : shiftEnd;
            if (e.isAfter(s)) {
                pieces.add(new Piece(s, e, k));
            }
            k++;
            shiftStart = shiftEnd;
        }
        if (layer.restrictions().isEmpty() || pieces.isEmpty()) {
            return pieces;
        }
        return Windows.mask(pieces, Windows.open(layer.restrictions(), rules, pieces.get(0).start(), upTo));
    }

    /** Part of shift {@code shift} of this layer, [start, end). */
    record Piece(Instant start, Instant end, long shift) {
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
