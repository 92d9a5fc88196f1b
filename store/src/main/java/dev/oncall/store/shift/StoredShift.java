package dev.oncall.store.shift;

import dev.oncall.core.shift.Shift;
import java.util.UUID;

/** A materialized shift row: the core shift, its schedule, and the configuration version it came from. */
public record StoredShift(UUID id, UUID scheduleId, Shift shift, long configVersion) {}
