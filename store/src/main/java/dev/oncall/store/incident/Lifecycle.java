package dev.oncall.store.incident;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.incident.StatusCommand;
import dev.oncall.core.incident.StatusTransition;
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
        Optional<Long> seq = StatusChanges.settle(db, id, StatusCommand.ACKNOWLEDGE, actor.userId(), now);
        if (seq.isEmpty()) {
            return refuseOrUnchanged(db, id, StatusCommand.ACKNOWLEDGE);
        }
        Incident incident = IncidentWrites.load(db, id).orElseThrow();
        IncidentWrites.stopEscalation(db, id, now);
        StatusChanges.alertsFollow(db, id, StatusCommand.ACKNOWLEDGE, now);
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
        Optional<Long> seq = StatusChanges.settle(db, id, StatusCommand.RESOLVE, actor.userId(), now);
        if (seq.isEmpty()) {
            return refuseOrUnchanged(db, id, StatusCommand.RESOLVE);
        }
        Incident incident = IncidentWrites.load(db, id).orElseThrow();
        IncidentWrites.stopEscalation(db, id, now);
        StatusChanges.alertsFollow(db, id, StatusCommand.RESOLVE, now);
        AlertGroups.closeFor(db, id, now);
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

    /**
     * Why a conditional update matched nothing, told by the incident as it is now: gone, already
     * where the command would take it, or in a status the command is refused in.
     */
    private static Result refuseOrUnchanged(JdbcClient db, UUID id, StatusCommand command) {
        Optional<Incident> current = IncidentWrites.load(db, id);
        if (current.isEmpty()) {
            return new Result.Refused("id", "no such incident");
        }
        IncidentStatus status = current.get().status();
        return switch (status.transition(command)) {
            case StatusTransition.Unchanged u -> new Result.Unchanged(current.get());
            case StatusTransition.Refused r -> new Result.Refused("id", r.reason());
            // Moved by another transaction since the update looked: refused as it stands now.
            case StatusTransition.Moves m -> new Result.Refused("id", StatusTransition.refused(command, status).reason());
        };
    }
}
