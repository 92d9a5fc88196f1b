package dev.oncall.store.audit;

import dev.oncall.store.schedule.StoredSchedule;
import dev.oncall.store.shift.MaterializationState;
import dev.oncall.store.shift.StoredShift;
import java.util.List;
import java.util.Optional;

/**
 * One schedule as the auditor sees it, read in one transaction: its configuration (layers, and
 * the overrides and cover requests touching the audited window), its materialized shifts in
 * that window, and where its materialization stands.
 */
public record ScheduleSnapshot(StoredSchedule schedule, List<StoredShift> shifts,
                               Optional<MaterializationState> materialization) {
    public ScheduleSnapshot {
        shifts = List.copyOf(shifts);
    }
}
