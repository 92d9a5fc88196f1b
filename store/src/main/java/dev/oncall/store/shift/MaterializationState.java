package dev.oncall.store.shift;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a schedule's materialization stands.
 *
 * @param configVersion the version its shifts were computed from; 0 before the first run
 * @param from          shifts from here on come from {@code configVersion}; before, history
 * @param horizonEnd    shifts are complete up to here
 */
public record MaterializationState(UUID scheduleId, long configVersion, Optional<Instant> from,
                                   Optional<Instant> horizonEnd, Optional<Instant> materializedAt, long runs) {

    public boolean covers(Instant start, Instant end) {
        return from.isPresent() && horizonEnd.isPresent() && !from.get().isAfter(start) && !horizonEnd.get().isBefore(end);
    }
}
