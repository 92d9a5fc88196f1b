package dev.oncall.store.incident;

import dev.oncall.store.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One entry of an incident's log. {@code seq} orders an incident's events (1, 2, 3 ... without
 * gaps); {@link #cursor()} positions it in its team's stream.
 */
public record IncidentEvent(UUID id, UUID incidentId, UUID teamId, long seq, EventKind kind, Actor actor,
                            Optional<String> channel, String dataJson, Instant createdAt) {

    public EventCursor cursor() {
        return new EventCursor(createdAt, id);
    }

    static IncidentEvent map(ResultSet rs, int row) throws SQLException {
        String actorId = rs.getString("actor_id");
        return new IncidentEvent(Rows.uuid(rs, "id"), Rows.uuid(rs, "incident_id"), Rows.uuid(rs, "team_id"),
                rs.getLong("seq"), EventKind.parse(rs.getString("kind")),
                new Actor(rs.getString("actor_type"), actorId == null ? "" : actorId),
                Optional.ofNullable(rs.getString("channel")), rs.getString("data"), Rows.instant(rs, "created_at"));
    }
}
