package dev.oncall.store.incident;

import dev.oncall.core.incident.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An incident with everything shown on its page: its alerts, its log in order, and who holds it.
 *
 * @param lastPagedStep the step most recently paged by the policy (absent before the first page)
 * @param eventsTruncated true when the incident has more than {@link IncidentReads#MAX_DETAIL_EVENTS}
 *                        events; read the rest with {@link IncidentReads#events}
 */
public record IncidentDetail(Incident incident, List<AlertView> alerts, List<IncidentEvent> events,
                             List<Assignee> assignees, Optional<Integer> lastPagedStep, boolean eventsTruncated) {
    public IncidentDetail {
        alerts = List.copyOf(alerts);
        events = List.copyOf(events);
        assignees = List.copyOf(assignees);
    }

    public record Assignee(UUID userId, Instant assignedAt) {}
}
