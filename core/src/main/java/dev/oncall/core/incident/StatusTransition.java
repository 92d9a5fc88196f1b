package dev.oncall.core.incident;

import java.util.Objects;

/**
 * What a {@link StatusCommand} does to an incident in a given status: move it (possibly to the
 * status it has, as a page of a triggered incident does), leave it as it is because it is
 * already there (acknowledging twice is not an error), or refuse.
 */
public sealed interface StatusTransition {
    /** Apply the command; the incident's status becomes {@code to}. */
    record Moves(IncidentStatus to) implements StatusTransition {
        public Moves {
            Objects.requireNonNull(to, "to");
        }
    }

    /** Already where the command would take it: nothing is written, and the caller is told so. */
    record Unchanged() implements StatusTransition {}

    /** Not allowed from this status; {@code reason} is said to whoever asked. */
    record Refused(String reason) implements StatusTransition {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The rule: what {@code command} does to an incident that is {@code from}. */
    static StatusTransition of(IncidentStatus from, StatusCommand command) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(command, "command");
        return switch (command) {
            case ACKNOWLEDGE -> switch (from) {
                case TRIGGERED -> new Moves(IncidentStatus.ACKNOWLEDGED);
                case ACKNOWLEDGED -> new Unchanged();
                case RESOLVED -> refused(command, from);
            };
            case RESOLVE -> from == IncidentStatus.RESOLVED ? new Unchanged() : new Moves(IncidentStatus.RESOLVED);
            // Timers fire only while nobody is on it: an acknowledgement or resolution makes them stale.
            case PAGE -> from == IncidentStatus.TRIGGERED ? new Moves(IncidentStatus.TRIGGERED) : refused(command, from);
            case ESCALATE -> from == IncidentStatus.RESOLVED ? refused(command, from) : new Moves(IncidentStatus.TRIGGERED);
            case RETRIGGER -> from == IncidentStatus.ACKNOWLEDGED ? new Moves(IncidentStatus.TRIGGERED) : refused(command, from);
            case REASSIGN -> from == IncidentStatus.RESOLVED ? refused(command, from) : new Moves(from);
        };
    }

    /** Why {@code command} cannot act on an incident that is {@code status}, in the words callers have always been given. */
    static Refused refused(StatusCommand command, IncidentStatus status) {
        return new Refused(switch (command) {
            case ACKNOWLEDGE, RESOLVE -> "cannot " + command.name().toLowerCase(java.util.Locale.ROOT)
                    + " an incident that is " + status.code();
            case ESCALATE, REASSIGN -> "cannot " + command.name().toLowerCase(java.util.Locale.ROOT) + " a "
                    + status.code() + " incident";
            case PAGE, RETRIGGER -> "incident is " + status.code();
        });
    }
}
