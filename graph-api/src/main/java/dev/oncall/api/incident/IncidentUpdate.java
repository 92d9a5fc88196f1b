package dev.oncall.api.incident;

import dev.oncall.store.incident.IncidentEvent;
import java.util.Objects;

/** One event of a team's stream and the cursor that resumes right after it. */
record IncidentUpdate(String cursor, IncidentEvent event) {
    IncidentUpdate {
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(event, "event");
    }
}
