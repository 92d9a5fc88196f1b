package dev.oncall.store.oncall;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * "Who is on call for this schedule at this instant?" — asked on every alert and by the API.
 * Implementations may cache, but must answer exactly what the core engine computes from the
 * schedule's current configuration (the cache is never the source of truth).
 */
public interface OnCallLookup {
    /** The users on call, in the engine's order; empty when nobody is (a gap) or the schedule is unknown. */
    List<UUID> onCallAt(UUID scheduleId, Instant at);

    /** The answer for each of {@code scheduleIds} (every one present, in the given order). */
    default Map<UUID, List<UUID>> onCallAt(Collection<UUID> scheduleIds, Instant at) {
        Map<UUID, List<UUID>> out = new LinkedHashMap<>();
        scheduleIds.forEach(id -> out.put(id, onCallAt(id, at)));
        return out;
    }
}
