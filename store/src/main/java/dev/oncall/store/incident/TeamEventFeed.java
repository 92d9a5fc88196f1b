package dev.oncall.store.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One subscriber's view of a team's event stream: each poll returns only events this feed has
 * not returned before, so the overlap re-scan of {@link IncidentReads#eventsSince} is invisible
 * to its user. Hand {@link #cursor()} to the client with each event; a client that reconnects
 * with it gets everything after it (and may see the last overlap window again: drop known ids).
 * Not thread-safe: one feed per subscription, polled from one place at a time.
 */
public final class TeamEventFeed {
    private final IncidentReads reads;
    private final UUID teamId;
    private final Map<UUID, Instant> delivered = new HashMap<>();
    private Optional<EventCursor> cursor;

    private TeamEventFeed(IncidentReads reads, UUID teamId, Optional<EventCursor> cursor) {
        this.reads = reads;
        this.teamId = teamId;
        this.cursor = cursor;
    }

    /** A feed resuming after {@code cursor} (from the team's first event when empty). */
    public static TeamEventFeed resume(IncidentReads reads, UUID teamId, Optional<EventCursor> cursor) {
        return new TeamEventFeed(reads, teamId, cursor);
    }

    /** A feed of what happens from now on: the current overlap window counts as already delivered. */
    public static TeamEventFeed fromNow(IncidentReads reads, UUID teamId, Clock clock) {
        EventCursor start = IncidentReads.cursorAt(clock.instant());
        TeamEventFeed feed = new TeamEventFeed(reads, teamId, Optional.of(start));
        reads.eventsSince(teamId, Optional.of(start), 1).events().stream()
                .filter(e -> e.cursor().compareTo(start) <= 0)
                .forEach(e -> feed.delivered.put(e.id(), e.createdAt()));
        return feed;
    }

    /** Events not delivered yet, oldest first; up to {@code limit} new ones per call. */
    public List<IncidentEvent> poll(int limit) {
        EventBatch batch = reads.eventsSince(teamId, cursor, limit);
        List<IncidentEvent> out = new ArrayList<>();
        for (IncidentEvent e : batch.events()) {
            if (delivered.putIfAbsent(e.id(), e.createdAt()) == null) {
                out.add(e);
            }
        }
        cursor = Optional.of(batch.next());
        Instant forgetBefore = batch.next().createdAt().minus(reads.overlap()).minus(reads.overlap());
        delivered.values().removeIf(t -> t.isBefore(forgetBefore));
        return out;
    }

    public Optional<EventCursor> cursor() {
        return cursor;
    }
}
