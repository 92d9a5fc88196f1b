package dev.oncall.api.oncall;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** From {@code at} on, {@code userIds} are on call for the schedule (empty: nobody, a gap). */
public record OnCallChange(UUID scheduleId, Instant at, List<UUID> userIds) {
    public OnCallChange {
        userIds = List.copyOf(userIds);
    }
}
