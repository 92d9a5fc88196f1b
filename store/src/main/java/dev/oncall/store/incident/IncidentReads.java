package dev.oncall.store.incident;

import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.platform.db.Slice;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reading incidents for the API: lists by team and status, one incident with its alerts, log and
 * assignees, and a team's event stream from a cursor.
 *
 * <p><b>Why the stream re-reads an overlap window.</b> An event's {@code created_at} is taken
 * inside its transaction, but transactions commit in a different order than they read the clock
 * (and regions' clocks differ slightly). A reader that has seen everything up to (t, id) may later
 * find an event with created_at just before t that committed after it looked. So every read from
 * cursor (t, id) also returns the events of [t - overlap, t], and the reader drops the ids it has
 * already delivered (the API's incident stream does this, and carries the ids in the cursors it
 * hands out). Nothing is lost as long as a commit lands within {@code overlap} of its created_at, which
 * bounds transaction time plus clock skew between hosts (CockroachDB refuses nodes whose clocks
 * are more than 500 ms apart).
 */
public final class IncidentReads {
    public static final int MAX_DETAIL_EVENTS = 1000;
    /** Most events of the overlap window returned by one read (a storm beyond this is re-read next time). */
    public static final int MAX_OVERLAP_EVENTS = 5000;

    private final Transactions tx;
    private final Duration overlap;

    public IncidentReads(Transactions tx, Duration overlap) {
        this.tx = tx;
        this.overlap = overlap;
    }

    public Duration overlap() {
        return overlap;
    }

    /** Newest first, {@code first} at most {@link Slice#MAX_SIZE}, after the cursor of a previous page's last item. */
    public Slice<Incident> list(IncidentFilter filter, int first, Optional<String> after) {
        int limit = Slice.size(first, 25);
        Optional<EventCursor> from = after.map(a -> EventCursor.decode("after", a));
        return tx.read("incident.list", db -> {
            StringBuilder sql = new StringBuilder("SELECT * FROM incidents WHERE team_id IN (:teams)");
            if (!filter.statuses().isEmpty()) {
                sql.append(" AND status IN (:statuses)");
            }
            filter.serviceId().ifPresent(s -> sql.append(" AND service_id = :service"));
            filter.urgency().ifPresent(u -> sql.append(" AND urgency = :urgency"));
            filter.createdAfter().ifPresent(t -> sql.append(" AND created_at >= :createdAfter"));
            filter.createdBefore().ifPresent(t -> sql.append(" AND created_at < :createdBefore"));
            from.ifPresent(c -> sql.append(" AND (created_at, id) < (:t, :id)"));
            sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
            var stmt = db.sql(sql.toString()).param("teams", filter.teamIds()).param("limit", limit + 1);
            if (!filter.statuses().isEmpty()) {
                stmt = stmt.param("statuses", filter.statuses().stream().map(IncidentStatus::code).toList());
            }
            if (filter.serviceId().isPresent()) {
                stmt = stmt.param("service", filter.serviceId().get());
            }
            if (filter.urgency().isPresent()) {
                stmt = stmt.param("urgency", filter.urgency().get().code());
            }
            if (filter.createdAfter().isPresent()) {
                stmt = stmt.param("createdAfter", Rows.param(filter.createdAfter().get()));
            }
            if (filter.createdBefore().isPresent()) {
                stmt = stmt.param("createdBefore", Rows.param(filter.createdBefore().get()));
            }
            if (from.isPresent()) {
                stmt = stmt.param("t", Rows.param(from.get().createdAt())).param("id", from.get().id());
            }
            return Slice.of(stmt.query(IncidentRows::map).list(), limit);
        });
    }

    /** The cursor that continues a list after {@code incident}. */
    public static String cursorOf(Incident incident) {
        return new EventCursor(incident.createdAt(), incident.id()).encode();
    }

    public Optional<Incident> get(UUID id) {
        return tx.read("incident.get", db -> IncidentWrites.load(db, id));
    }

    public Optional<IncidentDetail> find(UUID id) {
        return tx.read("incident.find", db -> IncidentWrites.load(db, id).map(incident -> {
            List<AlertView> alerts = db.sql("SELECT * FROM alerts WHERE incident_id = :id ORDER BY first_seen_at, id")
                    .param("id", id).query(AlertView::map).list();
            List<IncidentEvent> events = eventsOf(db, id, 0, MAX_DETAIL_EVENTS + 1);
            boolean truncated = events.size() > MAX_DETAIL_EVENTS;
            List<IncidentDetail.Assignee> assignees = db.sql("""
                            SELECT user_id, assigned_at FROM incident_assignees WHERE incident_id = :id
                            ORDER BY assigned_at, user_id""")
                    .param("id", id).query((rs, n) -> new IncidentDetail.Assignee(Rows.uuid(rs, "user_id"),
                            Rows.instant(rs, "assigned_at"))).list();
            Optional<Integer> lastPaged = db.sql("""
                            SELECT CAST(data->>'step' AS INT) FROM incident_events
                            WHERE incident_id = :id AND kind = :stepFired ORDER BY seq DESC LIMIT 1""")
                    .param("id", id).param("stepFired", IncidentEventKind.STEP_FIRED.code())
                    .query(Integer.class).optional();
            return new IncidentDetail(incident, alerts, truncated ? events.subList(0, MAX_DETAIL_EVENTS) : events,
                    assignees, lastPaged, truncated);
        }));
    }

    /**
     * A page of the incident's alerts, newest first (a storm's incident may hold thousands), after
     * the cursor of a previous page's last alert ({@link #cursorOf(AlertView)}).
     */
    public Slice<AlertView> alerts(UUID incidentId, int first, Optional<String> after) {
        int limit = Slice.size(first, 25);
        Optional<EventCursor> from = after.map(a -> EventCursor.decode("after", a));
        return tx.read("incident.alerts", db -> {
            var stmt = db.sql("SELECT * FROM alerts WHERE incident_id = :id"
                            + (from.isPresent() ? " AND (first_seen_at, id) < (:t, :alert)" : "")
                            + " ORDER BY first_seen_at DESC, id DESC LIMIT :limit")
                    .param("id", incidentId).param("limit", limit + 1);
            if (from.isPresent()) {
                stmt = stmt.param("t", Rows.param(from.get().createdAt())).param("alert", from.get().id());
            }
            return Slice.of(stmt.query(AlertView::map).list(), limit);
        });
    }

    /** The cursor that continues an incident's alerts after {@code alert}. */
    public static String cursorOf(AlertView alert) {
        return new EventCursor(alert.firstSeenAt(), alert.id()).encode();
    }

    /** How many alerts each incident holds (absent: none): one query for a whole page of incidents. */
    public Map<UUID, Integer> alertCounts(Collection<UUID> incidentIds) {
        if (incidentIds.isEmpty()) {
            return Map.of();
        }
        return tx.read("incident.alertCounts", db -> db.sql(
                        "SELECT incident_id, count(*) AS n FROM alerts WHERE incident_id IN (:ids) GROUP BY incident_id")
                .param("ids", List.copyOf(incidentIds))
                .query((rs, n) -> Map.entry(Rows.uuid(rs, "incident_id"), rs.getInt("n"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Who holds each incident (of those that have assignees), in assignment order. */
    public Map<UUID, List<IncidentDetail.Assignee>> assigneesOf(Collection<UUID> incidentIds) {
        if (incidentIds.isEmpty()) {
            return Map.of();
        }
        record Row(UUID incident, IncidentDetail.Assignee assignee) {}
        return tx.read("incident.assigneesOf", db -> db.sql("""
                                SELECT incident_id, user_id, assigned_at FROM incident_assignees
                                WHERE incident_id IN (:ids) ORDER BY assigned_at, user_id""")
                        .param("ids", List.copyOf(incidentIds))
                        .query((rs, n) -> new Row(Rows.uuid(rs, "incident_id"), new IncidentDetail.Assignee(
                                Rows.uuid(rs, "user_id"), Rows.instant(rs, "assigned_at"))))
                        .list())
                .stream().collect(Collectors.groupingBy(Row::incident, LinkedHashMap::new,
                        Collectors.mapping(Row::assignee, Collectors.toList())));
    }

    /** The step (and its loop) each incident paged most recently; incidents not paged yet are absent. */
    public Map<UUID, PagedStep> lastPagedSteps(Collection<UUID> incidentIds) {
        if (incidentIds.isEmpty()) {
            return Map.of();
        }
        return tx.read("incident.lastPagedSteps", db -> db.sql("""
                                SELECT e.incident_id, CAST(e.data->>'step' AS INT) AS step,
                                       CAST(e.data->>'loop' AS INT) AS loop_count
                                FROM incident_events e
                                WHERE e.incident_id IN (:ids) AND e.kind = :stepFired
                                  AND e.seq = (SELECT max(x.seq) FROM incident_events x
                                               WHERE x.incident_id = e.incident_id AND x.kind = :stepFired)""")
                        .param("ids", List.copyOf(incidentIds)).param("stepFired", IncidentEventKind.STEP_FIRED.code())
                        .query((rs, n) -> Map.entry(Rows.uuid(rs, "incident_id"),
                                new PagedStep(rs.getInt("step"), rs.getInt("loop_count"))))
                        .list())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** A step of a policy as paged: step {@code step} (0 is the first) of loop {@code loop}. */
    public record PagedStep(int step, int loop) {}

    /** An incident's events with seq greater than {@code afterSeq}, in seq order. */
    public List<IncidentEvent> events(UUID incidentId, long afterSeq, int limit) {
        return tx.read("incident.events", db -> eventsOf(db, incidentId, afterSeq, Math.max(1, Math.min(limit, 1000))));
    }

    private static List<IncidentEvent> eventsOf(JdbcClient db, UUID id, long afterSeq, int limit) {
        return db.sql("SELECT * FROM incident_events WHERE incident_id = :id AND seq > :after ORDER BY seq LIMIT :limit")
                .param("id", id).param("after", afterSeq).param("limit", limit).query(IncidentEvent::map).list();
    }

    /**
     * A team's events after {@code after} (all of them from the start when empty): first the
     * overlap window before the cursor, which the reader de-duplicates by id, then up to
     * {@code limit} newer events in (created_at, id) order.
     */
    public EventBatch eventsSince(UUID teamId, Optional<EventCursor> after, int limit) {
        int n = Math.max(1, Math.min(limit, 1000));
        EventCursor cursor = after.orElse(EventCursor.START);
        return tx.read("incident.eventsSince", db -> {
            List<IncidentEvent> out = new ArrayList<>();
            if (after.isPresent()) {
                out.addAll(db.sql("""
                                SELECT * FROM incident_events
                                WHERE team_id = :team AND created_at >= :from AND (created_at, id) <= (:t, :id)
                                ORDER BY created_at, id LIMIT :limit""")
                        .param("team", teamId).param("from", Rows.param(cursor.createdAt().minus(overlap)))
                        .param("t", Rows.param(cursor.createdAt())).param("id", cursor.id())
                        .param("limit", MAX_OVERLAP_EVENTS).query(IncidentEvent::map).list());
            }
            List<IncidentEvent> fresh = db.sql("""
                            SELECT * FROM incident_events WHERE team_id = :team AND (created_at, id) > (:t, :id)
                            ORDER BY created_at, id LIMIT :limit""")
                    .param("team", teamId).param("t", Rows.param(cursor.createdAt())).param("id", cursor.id())
                    .param("limit", n + 1).query(IncidentEvent::map).list();
            boolean more = fresh.size() > n;
            List<IncidentEvent> page = more ? fresh.subList(0, n) : fresh;
            out.addAll(page);
            EventCursor next = page.isEmpty() ? cursor : page.getLast().cursor();
            return new EventBatch(out, next, more);
        });
    }
}
