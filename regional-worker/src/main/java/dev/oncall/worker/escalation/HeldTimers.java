package dev.oncall.worker.escalation;

import dev.oncall.store.incident.DueTimer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The timers one worker holds in memory, with their Redis leases: taken through
 * {@link TimerLeases} (or without a lease while Redis is unavailable), renewed while held, given
 * back once fired or on shutdown. Also which of them are being fired right now.
 */
final class HeldTimers {
    private final TimerLeases leases;
    private final Map<UUID, HeldTimer> held = new ConcurrentHashMap<>();
    private final Set<UUID> busy = ConcurrentHashMap.newKeySet();

    HeldTimers(TimerLeases leases) {
        this.leases = leases;
    }

    /** Holds the timers of {@code found} not held yet: leased, or without a lease while Redis is unavailable. */
    void take(List<DueTimer> found, boolean adopted) {
        Map<UUID, DueTimer> candidates = new LinkedHashMap<>();
        found.stream().filter(t -> !held.containsKey(t.id())).forEach(t -> candidates.put(t.id(), t));
        if (candidates.isEmpty()) {
            return;
        }
        TimerLeases.Acquired acquired = leases.acquire(candidates.keySet());
        Dispatch.holding(candidates.values(), adopted, acquired).forEach(h -> held.put(h.id(), h));
    }

    List<HeldTimer> all() {
        return List.copyOf(held.values());
    }

    Set<UUID> busy() {
        return Set.copyOf(busy);
    }

    int size() {
        return held.size();
    }

    /** Marks timers as being fired, so no other pass hands them out. */
    void working(Collection<HeldTimer> timers) {
        timers.forEach(h -> busy.add(h.id()));
    }

    /** The timers are no longer being fired (and stay held if nothing dropped them). */
    void idle(Collection<HeldTimer> timers) {
        timers.forEach(h -> busy.remove(h.id()));
    }

    /** A fire finished (whatever its outcome): the timer is forgotten and its lease given back. */
    void fired(HeldTimer h) {
        held.remove(h.id());
        busy.remove(h.id());
        h.lease().ifPresent(token -> leases.release(Map.of(h.id(), token)));
    }

    /** Stops holding timers without a lease (nothing to give back). */
    void drop(Set<UUID> ids) {
        ids.forEach(id -> held.computeIfPresent(id, (k, h) -> h.leased() ? h : null));
    }

    /** Renews every held lease; forgets the timers whose lease was lost (expired, or Redis restarted). */
    void renew() {
        leases.renew(Dispatch.leases(held.values())).forEach(held::remove);
    }

    /** Forgets every timer and gives every lease back; returns how many leases that was. */
    int releaseAll() {
        Map<UUID, String> tokens = Dispatch.leases(held.values());
        held.clear();
        leases.release(tokens);
        return tokens.size();
    }
}
