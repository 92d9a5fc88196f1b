package dev.oncall.core.incident;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that may change an incident's status (or is refused because of it). What each does
 * from each status is {@link StatusTransition#of}: the one rule every writer of
 * {@code incidents.status} follows.
 */
public enum StatusCommand {
    /** A person (or a monitoring tool) is on it: paging stops. */
    ACKNOWLEDGE,
    /** It is over: paging stops for good. */
    RESOLVE,
    /** An escalation timer pages the armed step, or the whole team once the policy is exhausted. */
    PAGE,
    /** Someone pages the armed step by hand; an acknowledged incident is triggered again. */
    ESCALATE,
    /** The acknowledgement timed out: the incident is triggered again. */
    RETRIGGER,
    /** Someone makes other people the assignees and pages them; the status stays as it is. */
    REASSIGN;

    /** The statuses this command moves an incident from: what a conditional update may match. */
    public Set<IncidentStatus> movesFrom() {
        Set<IncidentStatus> from = EnumSet.noneOf(IncidentStatus.class);
        for (IncidentStatus status : IncidentStatus.values()) {
            if (StatusTransition.of(status, this) instanceof StatusTransition.Moves) {
                from.add(status);
            }
        }
        return from;
    }

    /** The one status this command moves an incident to from wherever it may; empty for {@link #REASSIGN}, which keeps it. */
    public Optional<IncidentStatus> target() {
        Set<IncidentStatus> to = EnumSet.noneOf(IncidentStatus.class);
        for (IncidentStatus status : movesFrom()) {
            to.add(((StatusTransition.Moves) StatusTransition.of(status, this)).to());
        }
        return to.size() == 1 ? Optional.of(to.iterator().next()) : Optional.empty();
    }
}
