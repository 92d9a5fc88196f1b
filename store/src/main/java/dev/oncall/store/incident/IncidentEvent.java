package dev.oncall.store.incident;

import dev.oncall.core.incident.ActorType;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One entry of an incident's log. {@code seq} orders an incident's events (1, 2, 3 ... without
 * gaps); {@link #cursor()} positions it in its team's stream.
 *
 * <p>The kind and channel are kept as stored ({@code code}, {@code channelCode}): during a rolling
 * upgrade a newer version may write codes this one does not know, and such an event must still be
 * read and passed on (as unknown) rather than fail the read and stall every reader behind it.
 */
public record IncidentEvent(UUID id, UUID incidentId, UUID teamId, long seq, String code, Actor actor,
                            Optional<String> channelCode, String dataJson, Instant createdAt) {

    /** The kind; empty when a newer version of Oncall wrote a kind this one does not know. */
    public Optional<IncidentEventKind> kind() {
        return IncidentEventKind.parse(code);
    }

    /** The channel; empty when none was recorded or a newer version wrote one this one does not know. */
    public Optional<Channel> channel() {
        return channelCode.flatMap(Channel::parse);
    }

    public EventCursor cursor() {
        return new EventCursor(createdAt, id);
    }

    static IncidentEvent map(ResultSet rs, int row) throws SQLException {
        String actorId = rs.getString("actor_id");
        return new IncidentEvent(Rows.uuid(rs, "id"), Rows.uuid(rs, "incident_id"), Rows.uuid(rs, "team_id"),
                rs.getLong("seq"), rs.getString("kind"),
                new Actor(ActorType.parse(rs.getString("actor_type")), actorId == null ? "" : actorId),
                Optional.ofNullable(rs.getString("channel")), rs.getString("data"), Rows.instant(rs, "created_at"));
    }
}
