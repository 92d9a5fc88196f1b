package dev.oncall.api.incident;

import dev.oncall.store.incident.EventBatch;
import dev.oncall.store.incident.EventCursor;
import dev.oncall.store.incident.IncidentEvent;
import dev.oncall.store.incident.IncidentReads;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One subscriber's position in a team's event stream, read from the events table
 * ({@link IncidentReads#eventsSince}); each poll returns the events not delivered yet, each with
 * the {@link StreamCursor} that resumes exactly after it.
 *
 * <p>Events commit out of created_at order, so the store re-reads an overlap window behind the
 * read position; this stream drops what it delivered already, by id. An event created before
 * {@code settled} was delivered or can no longer appear (its transaction would have outlived the
 * overlap bound), so only the ids since {@code settled} are remembered, and carried in cursors.
 *
 * <p>Within a poll, events go out by creation time with each incident's events in seq order, and
 * a read that stops short never splits the events one transaction recorded (they share
 * created_at). Not thread-safe: polled by one subscription at a time.
 */
final class IncidentStream {
    /** Most new events read per poll; a stream that is behind polls again at once. */
    static final int BATCH = 200;
    private static final UUID MIN_UUID = new UUID(0, 0);
    private static final UUID MAX_UUID = new UUID(-1L, -1L);

    private final IncidentReads reads;
    private final UUID teamId;
    private final Clock clock;
    private EventCursor position;
    private Instant settled;
    /** Ids delivered at or after {@code settled}, with their created_at (null: from a cursor, not read again yet). */
    private final Map<UUID, Instant> delivered = new LinkedHashMap<>();
    private boolean behind;

    private IncidentStream(IncidentReads reads, UUID teamId, Clock clock, EventCursor position, Instant settled) {
        this.reads = reads;
        this.teamId = teamId;
        this.clock = clock;
        this.position = position;
        this.settled = settled;
    }

    /** What happens from now on: what is already recorded counts as delivered. */
    static IncidentStream fromNow(IncidentReads reads, UUID teamId, Clock clock) {
        Instant now = clock.instant();
        EventCursor start = new EventCursor(now, MAX_UUID);
        IncidentStream stream = new IncidentStream(reads, teamId, clock, start, now.minus(reads.overlap()));
        reads.eventsSince(teamId, Optional.of(start), 1).events().stream()
                .filter(e -> e.cursor().compareTo(start) <= 0)
                .forEach(e -> stream.delivered.put(e.id(), e.createdAt()));
        return stream;
    }

    /** Everything the client holding {@code cursor} has not received yet, then what happens next. */
    static IncidentStream resume(IncidentReads reads, UUID teamId, Clock clock, StreamCursor cursor) {
        IncidentStream stream = new IncidentStream(reads, teamId, clock, new EventCursor(cursor.settled(), MIN_UUID),
                cursor.settled());
        cursor.delivered().forEach(id -> stream.delivered.put(id, null));
        stream.behind = true;
        return stream;
    }

    /** Whether more events were waiting when the last poll stopped; poll again without waiting. */
    boolean behind() {
        return behind;
    }

    /** The events not delivered yet (up to {@link #BATCH} new ones), each with the cursor that resumes after it. */
    List<IncidentUpdate> poll() {
        Instant readAt = clock.instant();
        EventBatch batch = reads.eventsSince(teamId, Optional.of(position), BATCH);
        List<IncidentEvent> seen = new ArrayList<>();
        List<IncidentEvent> fresh = new ArrayList<>();
        for (IncidentEvent e : batch.events()) {
            (e.cursor().compareTo(position) > 0 ? fresh : seen).add(e);
        }
        EventCursor next = batch.next();
        if (batch.hasMore()) {
            // Stop before the last creation instant read: the rest of its transaction may lie beyond the limit.
            Instant last = fresh.getLast().createdAt();
            int keep = fresh.size();
            while (keep > 0 && fresh.get(keep - 1).createdAt().equals(last)) {
                keep--;
            }
            if (keep > 0) {
                fresh = fresh.subList(0, keep);
                next = fresh.getLast().cursor();
            }
        }
        seen.addAll(fresh);
        List<IncidentEvent> todo = new ArrayList<>();
        for (IncidentEvent e : seen) {
            if (delivered.containsKey(e.id())) {
                delivered.put(e.id(), e.createdAt());
            } else if (!e.createdAt().isBefore(settled)) {
                todo.add(e);
            }
        }
        position = next;
        behind = batch.hasMore();
        if (!behind) {
            // Caught up: an id from a cursor that was not read again no longer exists.
            delivered.values().removeIf(t -> t == null);
        }
        Instant bound = min(readAt.minus(reads.overlap()), position.createdAt());
        List<IncidentEvent> ordered = inOrder(todo);
        Instant[] pendingFrom = new Instant[ordered.size() + 1];
        pendingFrom[ordered.size()] = Instant.MAX;
        for (int i = ordered.size() - 1; i >= 0; i--) {
            pendingFrom[i] = min(pendingFrom[i + 1], ordered.get(i).createdAt());
        }
        List<IncidentUpdate> out = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            IncidentEvent e = ordered.get(i);
            delivered.put(e.id(), e.createdAt());
            advance(min(bound, pendingFrom[i + 1]));
            out.add(new IncidentUpdate(StreamCursor.of(settled, delivered.keySet()).encode(), e));
        }
        advance(bound);
        return out;
    }

    private void advance(Instant candidate) {
        if (candidate.isAfter(settled)) {
            settled = candidate;
            delivered.values().removeIf(t -> t != null && t.isBefore(settled));
        }
    }

    /**
     * By creation time, and each incident's events in seq order: an incident's events commit in
     * seq order (each append locks the incident row), though a later one may carry an earlier
     * created_at; such events swap places so a client applies them in the order they happened.
     */
    static List<IncidentEvent> inOrder(List<IncidentEvent> events) {
        List<IncidentEvent> byTime = new ArrayList<>(events);
        byTime.sort(Comparator.comparing(IncidentEvent::createdAt).thenComparing(IncidentEvent::incidentId)
                .thenComparingLong(IncidentEvent::seq));
        Map<UUID, Deque<IncidentEvent>> bySeq = new HashMap<>();
        events.stream().sorted(Comparator.comparingLong(IncidentEvent::seq))
                .forEach(e -> bySeq.computeIfAbsent(e.incidentId(), k -> new ArrayDeque<>()).add(e));
        return byTime.stream().map(e -> bySeq.get(e.incidentId()).poll()).toList();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
