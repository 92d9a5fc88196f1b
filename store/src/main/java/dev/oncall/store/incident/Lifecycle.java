package dev.oncall.store.incident;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.platform.db.Rows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Acknowledge and resolve inside the caller's transaction, shared by the commands and by alert
 * events that acknowledge or resolve by dedup key. Each moves the incident by a conditional
 * update on its status, stops escalation (timers deleted, pending intents cancelled) and
 * appends its event, all in the same transaction: once it commits, nothing more is paged.
 */
final class Lifecycle {
    private Lifecycle() {}

    sealed interface Result {
        record Changed(Incident incident) implements Result {}

        record Unchanged(Incident incident) implements Result {}

        record Refused(String field, String message) implements Result {}
    }

    /** Said to a person who acts on an incident of a team they have left (an old ack link, a reply code). */
    static final String NOT_A_MEMBER = "cannot act for someone who is no longer a member of the incident's team";

    static Result acknowledge(JdbcClient db, UUID id, Actor actor, Channel channel, Instant now) {
        Optional<Result> refused = leftTheTeam(db, id, actor);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Long> seq = db.sql("""
                        UPDATE incidents SET status = 'acknowledged', acknowledged_at = :now, acknowledged_by = CAST(:by AS UUID),
                               event_seq = event_seq + 1, updated_at = :now
                        WHERE id = :id AND status = 'triggered' RETURNING event_seq""")
                .param("now", Rows.param(now)).param("by", actor.userId().map(UUID::toString).orElse(null))
                .param("id", id).query(Long.class).optional();
        if (seq.isEmpty()) {
            return refuseOrUnchanged(db, id, IncidentStatus.ACKNOWLEDGED, "acknowledge");
        }
        Incident incident = IncidentWrites.load(db, id).orElseThrow();
        IncidentWrites.stopEscalation(db, id, now);
        db.sql("UPDATE alerts SET status = 'acknowledged' WHERE incident_id = :id AND status = 'triggered'")
                .param("id", id).update();
        IncidentWrites.insertEvents(db, id, incident.teamId(), seq.get(), actor, channel, now,
                List.of(NewEvent.of(IncidentEventKind.ACKNOWLEDGED)));
        db.sql("SELECT ack_timeout_seconds FROM services WHERE id = :id").param("id", incident.serviceId())
                .query((rs, n) -> (Integer) rs.getObject(1)).optional()
                .filter(s -> s != null)
                .ifPresent(seconds -> IncidentWrites.insertAckTimer(db, id, incident.loopCount(),
                        now.plus(Duration.ofSeconds(seconds)), incident.homeRegion(), now));
        return new Result.Changed(incident);
    }

    static Result resolve(JdbcClient db, UUID id, Actor actor, Channel channel, Instant now) {
        Optional<Result> refused = leftTheTeam(db, id, actor);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Long> seq = db.sql("""
                        UPDATE incidents SET status = 'resolved', resolved_at = :now, resolved_by = CAST(:by AS UUID),
                               event_seq = event_seq + 1, updated_at = :now
                        WHERE id = :id AND status <> 'resolved' RETURNING event_seq""")
                .param("now", Rows.param(now)).param("by", actor.userId().map(UUID::toString).orElse(null))
                .param("id", id).query(Long.class).optional();
        if (seq.isEmpty()) {
            return refuseOrUnchanged(db, id, IncidentStatus.RESOLVED, "resolve");
        }
        Incident incident = IncidentWrites.load(db, id).orElseThrow();
        IncidentWrites.stopEscalation(db, id, now);
        db.sql("UPDATE alerts SET status = 'resolved', resolved_at = :now WHERE incident_id = :id AND status <> 'resolved'")
                .param("id", id).param("now", Rows.param(now)).update();
        IncidentWrites.insertEvents(db, id, incident.teamId(), seq.get(), actor, channel, now,
                List.of(NewEvent.of(IncidentEventKind.RESOLVED)));
        return new Result.Changed(incident);
    }

    /**
     * A person acts on an incident only while they are a member of its team, whatever they hold:
     * an ack link or SMS reply code sent before they were removed no longer acts. Read in the
     * acting transaction, so a removal that committed first is seen.
     */
    private static Optional<Result> leftTheTeam(JdbcClient db, UUID id, Actor actor) {
        if (actor.userId().isEmpty()) {
            return Optional.empty();
        }
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = i.team_id AND m.user_id = :user)
                        FROM incidents i WHERE i.id = :id""")
                .param("user", actor.userId().get()).param("id", id).query(Boolean.class).optional()
                .filter(member -> !member)
                .map(member -> new Result.Refused("id", NOT_A_MEMBER));
    }

    /** Why a conditional update matched nothing: no such incident, already there, or not allowed. */
    private static Result refuseOrUnchanged(JdbcClient db, UUID id, IncidentStatus target, String verb) {
        Optional<Incident> current = IncidentWrites.load(db, id);
        if (current.isEmpty()) {
            return new Result.Refused("id", "no such incident");
        }
        if (current.get().status() == target) {
            return new Result.Unchanged(current.get());
        }
        return new Result.Refused("id", "cannot " + verb + " an incident that is " + current.get().status().code());
    }
}
