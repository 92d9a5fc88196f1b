package dev.oncall.core.incident;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/** Where an incident (and its alert) is in its life: paging, someone is on it, or over. */
public enum IncidentStatus {
    TRIGGERED,
    ACKNOWLEDGED,
    RESOLVED;

    public String code() {
        return Codes.of(this);
    }

    /** What {@code command} does to an incident with this status (the rule is {@link StatusTransition#of}). */
    public StatusTransition transition(StatusCommand command) {
        return StatusTransition.of(this, command);
    }

    public static Optional<IncidentStatus> parse(String code) {
        return Codes.parse(IncidentStatus.class, code);
    }
}
