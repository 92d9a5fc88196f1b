package dev.oncall.store.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A cover request as stored. The requester stays on call until someone claims it. */
public record StoredCoverage(UUID id, UUID scheduleId, UUID requester, Instant start, Instant end, String reason,
                             CoverageStatus status, Optional<UUID> claimedBy, Optional<Instant> claimedAt) {}
