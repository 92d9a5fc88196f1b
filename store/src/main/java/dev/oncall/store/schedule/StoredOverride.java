package dev.oncall.store.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An override as stored: {@code userId} is on call instead of everyone else in [start, end). */
public record StoredOverride(UUID id, UUID scheduleId, UUID userId, Instant start, Instant end, Optional<UUID> createdBy) {}
