package dev.oncall.store.oncall;

import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.user.UserRef;
import dev.oncall.store.schedule.ScheduleLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Evaluates the schedule from the database every time: always right, never fast. */
public final class DirectOnCallLookup implements OnCallLookup {
    // Overrides and cover requests touching this window are loaded; an instant only needs its own.
    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final ScheduleLoader scheduleLoader;

    public DirectOnCallLookup(ScheduleLoader scheduleLoader) {
        this.scheduleLoader = scheduleLoader;
    }

    @Override
    public List<UUID> onCallAt(UUID scheduleId, Instant at) {
        return scheduleLoader.load(scheduleId, at, at.plus(WINDOW))
                .map(s -> ScheduleEngine.onCallAt(s.toSchedule(), at).stream().map(UserRef::requireUuid).toList())
                .orElse(List.of());
    }
}
