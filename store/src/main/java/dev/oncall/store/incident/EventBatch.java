package dev.oncall.store.incident;

import java.util.List;
import java.util.Objects;

/**
 * Events of a team read from a cursor: possibly some the reader saw already (the overlap
 * re-scan, see {@link IncidentReads#eventsSince}), then new ones in (created_at, id) order.
 *
 * @param next    the cursor to read from next time
 * @param hasMore more new events are waiting beyond this batch
 */
public record EventBatch(List<IncidentEvent> events, EventCursor next, boolean hasMore) {
    public EventBatch {
        events = List.copyOf(events);
        Objects.requireNonNull(next, "next");
    }
}
