package dev.oncall.store.schedule;

import dev.oncall.core.cover.CoverRequestStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A cover request as stored. The requester stays on call until someone claims it. */
public record StoredCoverRequest(UUID id, UUID scheduleId, UUID requester, Instant start, Instant end, String reason,
                             CoverRequestStatus status, Optional<UUID> claimedBy, Optional<Instant> claimedAt) {}
