package dev.oncall.worker.escalation;

import dev.oncall.store.incident.DueTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the engine does with the timers it holds at an instant, decided without threads, clock or
 * I/O: which due timers it fires one by one (those under a lease, and adopted ones), which it
 * leaves to a set-based sweep of its region (those held without a lease, and all of them when
 * the region has a backlog), and when it must look again.
 *
 * @param fireEach     due timers to fire one transaction each, soonest first
 * @param sweep        due timers a sweep of the region fires (held without a lease)
 * @param sweepBacklog whether to sweep the region's backlog (even with nothing held due)
 * @param nextTick     the next held timer's due time, or the next poll if sooner
 */
record Dispatch(List<HeldTimer> fireEach, List<HeldTimer> sweep, boolean sweepBacklog, Instant nextTick) {
    Dispatch {
        fireEach = List.copyOf(fireEach);
        sweep = List.copyOf(sweep);
    }

    boolean sweeps() {
        return sweepBacklog || !sweep.isEmpty();
    }

    /**
     * @param busy      timers being fired or swept already
     * @param nextPoll  when the next full poll is due
     * @param backlog   the last poll found the region's overdue timers at or over the backlog threshold
     * @param sweepable no sweep is running and none has failed since the last poll (after a
     *                  failure timers go back to firing one by one)
     */
    static Dispatch at(Instant now, Collection<HeldTimer> held, Set<UUID> busy, Instant nextPoll, boolean backlog,
                       boolean sweepable) {
        List<HeldTimer> idle = held.stream().filter(h -> !busy.contains(h.id())).toList();
        Map<Boolean, List<HeldTimer>> due = idle.stream().filter(h -> !h.dueAt().isAfter(now))
                .sorted(Comparator.comparing(HeldTimer::dueAt))
                .collect(Collectors.partitioningBy(h -> sweepable && !h.leased() && !h.adopted()));
        Instant next = idle.stream().map(HeldTimer::dueAt).filter(d -> d.isAfter(now))
                .filter(d -> d.isBefore(nextPoll)).min(Comparator.naturalOrder()).orElse(nextPoll);
        return new Dispatch(due.get(false), due.get(true), sweepable && backlog, next);
    }

    /** A full poll is due when none was made, the poll interval has passed, or the clock went back. */
    static boolean pollDue(Optional<Instant> lastPoll, Instant now, Duration interval) {
        return lastPoll.map(last -> !now.isBefore(last.plus(interval)) || now.isBefore(last)).orElse(true);
    }

    /**
     * The timers to hold out of {@code candidates}, given what leasing them gave: with Redis
     * available those this worker won a lease on (another worker holds the rest); without it,
     * all of them, unleased.
     */
    static List<HeldTimer> holding(Collection<DueTimer> candidates, boolean adopted, TimerLeases.Acquired acquired) {
        return candidates.stream()
                .filter(t -> !acquired.available() || acquired.tokens().containsKey(t.id()))
                .map(t -> new HeldTimer(t, acquired.available() ? Optional.of(acquired.tokens().get(t.id()))
                        : Optional.empty(), adopted))
                .toList();
    }

    /** The leases to renew: every held timer's that has one. */
    static Map<UUID, String> leases(Collection<HeldTimer> held) {
        Map<UUID, String> tokens = new HashMap<>();
        held.forEach(h -> h.lease().ifPresent(t -> tokens.put(h.id(), t)));
        return tokens;
    }

    /**
     * The timers to stop holding once a sweep found nothing left due at {@code sweptAt}: those it
     * covered (held without a lease, of this region) were fired by it or by another worker, or
     * are being fired by another worker; the next poll finds any that are still there.
     */
    static Set<UUID> sweptAway(Collection<HeldTimer> held, Instant sweptAt) {
        return held.stream().filter(h -> !h.leased() && !h.adopted() && !h.dueAt().isAfter(sweptAt))
                .map(HeldTimer::id).collect(Collectors.toSet());
    }
}
