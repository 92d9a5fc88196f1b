package dev.oncall.core.service;

import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Something that can break: alerts for it open incidents that follow its escalation policy.
 * While {@code maintenanceUntil} is in the future alerts are recorded and nobody is paged.
 */
public record Service(UUID id, UUID teamId, String name, String description, UUID escalationPolicyId,
                      Optional<Instant> maintenanceUntil, Optional<Duration> ackTimeout, Urgency defaultUrgency) {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 1000;
    public static final Duration MIN_ACK_TIMEOUT = Duration.ofMinutes(1);
    public static final Duration MAX_ACK_TIMEOUT = Duration.ofDays(1);

    public Service {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(escalationPolicyId, "escalationPolicyId");
        Objects.requireNonNull(maintenanceUntil, "maintenanceUntil");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(defaultUrgency, "defaultUrgency");
        Problems problems = new Problems();
        check(problems, name, description, ackTimeout);
        problems.throwIfAny();
    }

    public boolean inMaintenanceAt(Instant at) {
        return maintenanceUntil.map(at::isBefore).orElse(false);
    }

    public static void check(Problems problems, String name, String description, Optional<Duration> ackTimeout) {
        Text.required(problems, "name", name, MAX_NAME);
        Text.optional(problems, "description", description, MAX_DESCRIPTION);
        ackTimeout.ifPresent(t -> {
            if (t.compareTo(MIN_ACK_TIMEOUT) < 0 || t.compareTo(MAX_ACK_TIMEOUT) > 0) {
                problems.add("ackTimeout", "must be between 1 minute and 24 hours, got " + t.toSeconds() + " s");
            }
        });
    }
}
