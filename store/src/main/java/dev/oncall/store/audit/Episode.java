package dev.oncall.store.audit;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A mismatch episode as stored: open from its first sighting until a run no longer sees it. */
public record Episode(UUID id, String dedupKey, FindingKind kind, String region, Optional<UUID> scheduleId,
                      String summary, String detailsJson, Instant firstSeenAt, Instant lastSeenAt,
                      Optional<Instant> pagedAt, Optional<String> pagedVia, Optional<Instant> resolvedAt) {}
