package dev.oncall.core.escalation;

import java.util.Objects;
import java.util.UUID;

/** One target of an escalation step. */
public record StepTarget(TargetType type, UUID id) {
    public StepTarget {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }
}
