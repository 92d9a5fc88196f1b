package dev.oncall.store.incident;

import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.validation.ValidationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which incidents to list: those of the given teams (the caller's, after authorisation), with
 * one of the given statuses (all when empty), optionally of one service.
 */
public record IncidentFilter(List<UUID> teamIds, Set<IncidentStatus> statuses, Optional<UUID> serviceId) {
    public IncidentFilter {
        Objects.requireNonNull(teamIds, "teamIds");
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(serviceId, "serviceId");
        teamIds = List.copyOf(teamIds);
        statuses = Set.copyOf(statuses);
        if (teamIds.isEmpty()) {
            throw ValidationException.of("filter.teamIds", "name at least one team");
        }
    }

    public static IncidentFilter team(UUID teamId, IncidentStatus... statuses) {
        return new IncidentFilter(List.of(teamId), Set.of(statuses), Optional.empty());
    }
}
