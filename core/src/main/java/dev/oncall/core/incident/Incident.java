package dev.oncall.core.incident;

import dev.oncall.core.user.Urgency;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An incident as stored. {@code priority} is set by a routing rule, P1 to P5; none otherwise. {@code currentStep}/{@code loopCount} name the armed step: the next to
 * page if nobody acknowledges (the step paged most recently is read from the incident's log).
 */
public record Incident(UUID id, UUID teamId, UUID serviceId, UUID alertId, Optional<UUID> policyId, String title,
                       IncidentStatus status, Urgency urgency, int currentStep, int loopCount, int loopBase,
                       boolean exhausted, String homeRegion, long eventSeq, Instant createdAt, Instant updatedAt,
                       Optional<Instant> acknowledgedAt, Optional<UUID> acknowledgedBy,
                       Optional<Instant> resolvedAt, Optional<UUID> resolvedBy, Optional<Priority> priority) {
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(priority, "priority");
    }

    public EscalationState escalationState() {
        return new EscalationState(status, currentStep, loopCount, loopBase, exhausted);
    }
}
