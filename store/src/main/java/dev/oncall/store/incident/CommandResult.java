package dev.oncall.store.incident;

import dev.oncall.core.incident.Incident;
import dev.oncall.core.validation.FieldError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a command on an incident: the incident as committed, or the field errors that
 * refused it (nothing written). {@code changed} is false when the command asked for a state the
 * incident was already in (acknowledging twice): not an error, and nothing was recorded.
 */
public record CommandResult(Optional<Incident> incident, boolean changed, List<FieldError> errors) {
    public CommandResult {
        Objects.requireNonNull(incident, "incident");
        errors = List.copyOf(errors);
    }

    public static CommandResult changed(Incident incident) {
        return new CommandResult(Optional.of(incident), true, List.of());
    }

    public static CommandResult unchanged(Incident incident) {
        return new CommandResult(Optional.of(incident), false, List.of());
    }

    public static CommandResult refused(List<FieldError> errors) {
        return new CommandResult(Optional.empty(), false, errors);
    }

    public static CommandResult refused(String field, String message) {
        return refused(List.of(new FieldError(field, message)));
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
