package dev.oncall.store.incident;

import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which incidents to list: those of the given teams (the caller's, after authorisation), with
 * one of the given statuses (all when empty), optionally of one service, of one urgency, and
 * created in [createdAfter, createdBefore).
 */
public record IncidentFilter(List<UUID> teamIds, Set<IncidentStatus> statuses, Optional<UUID> serviceId,
                             Optional<Urgency> urgency, Optional<Instant> createdAfter,
                             Optional<Instant> createdBefore) {
    public IncidentFilter {
        Objects.requireNonNull(teamIds, "teamIds");
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(createdAfter, "createdAfter");
        Objects.requireNonNull(createdBefore, "createdBefore");
        teamIds = List.copyOf(teamIds);
        statuses = Set.copyOf(statuses);
        if (teamIds.isEmpty()) {
            throw ValidationException.of("filter.teamIds", "name at least one team");
        }
        if (createdAfter.isPresent() && createdBefore.isPresent() && !createdAfter.get().isBefore(createdBefore.get())) {
            throw ValidationException.of("filter.createdBefore", "must be after createdAfter");
        }
    }

    public IncidentFilter(List<UUID> teamIds, Set<IncidentStatus> statuses, Optional<UUID> serviceId) {
        this(teamIds, statuses, serviceId, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static IncidentFilter team(UUID teamId, IncidentStatus... statuses) {
        return new IncidentFilter(List.of(teamId), Set.of(statuses), Optional.empty());
    }
}
