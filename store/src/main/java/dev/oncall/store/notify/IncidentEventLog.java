package dev.oncall.store.notify;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.platform.db.Rows;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.IncidentEventPublisher;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to an incident's event log inside the caller's transaction, and after commit wakes
 * the live subscribers of the incident's team over Redis. The log is the source of truth:
 * a lost wake-up only delays a subscriber until its next poll.
 */
public final class IncidentEventLog {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IncidentEventPublisher publisher;

    public IncidentEventLog(IncidentEventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Appends one event; returns the incident's team, or empty when the incident is gone.
     * The sequence number comes from the incident row's {@code event_seq}, which holds the last
     * number used (as the incident commands keep it), so two writers serialize on that row rather
     * than colliding on the unique key.
     */
    public static Optional<UUID> append(JdbcClient db, UUID incidentId, IncidentEventKind kind, Actor actor,
                                        Channel channel, Map<String, ?> data, Instant at) {
        Optional<Map<String, Object>> row = db.sql("""
                        UPDATE incidents SET event_seq = event_seq + 1
                        WHERE id = :id RETURNING team_id, event_seq AS seq""")
                .param("id", incidentId).query().listOfRows().stream().findFirst();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        UUID team = (UUID) row.get().get("team_id");
        long seq = ((Number) row.get().get("seq")).longValue();
        db.sql("""
                        INSERT INTO incident_events (incident_id, team_id, seq, kind, actor_type, actor_id, channel, data, created_at)
                        VALUES (:incident, :team, :seq, :kind, :actorType, :actorId, :channel, CAST(:data AS JSONB), :at)""")
                .param("incident", incidentId).param("team", team).param("seq", seq).param("kind", kind.code())
                .param("actorType", actor.type().code()).param("actorId", actor.id()).param("channel", channel.code())
                .param("data", JSON.writeValueAsString(new LinkedHashMap<>(data))).param("at", Rows.param(at))
                .update();
        return Optional.of(team);
    }

    /** Best effort, after commit: tells every replica's subscribers that these teams have new events. */
    public void publish(Collection<UUID> teams) {
        teams.stream().distinct().forEach(publisher::publish);
    }
}
