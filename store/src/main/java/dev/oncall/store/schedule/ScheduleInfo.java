package dev.oncall.store.schedule;

import java.time.ZoneId;
import java.util.UUID;

/** A schedule's identity and settings, without its layers. */
public record ScheduleInfo(UUID id, UUID teamId, String name, String description, ZoneId zone, long version) {}
