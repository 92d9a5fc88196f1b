package dev.oncall.store.incident;

import dev.oncall.core.incident.EscalationState;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.incident.StatusCommand;
import dev.oncall.core.incident.StatusTransition;
import dev.oncall.platform.db.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every UPDATE that changes an incident's status, and its alerts' that follow it, inside the
 * caller's transaction. Which status a command moves from and to is the core rule
 * ({@link StatusTransition#of}); each update is conditional on exactly those statuses, so a
 * command that lost a race to another matches nothing and its caller learns so. Each returns
 * the incident's last event number after reserving the events the caller is about to append,
 * or empty when the incident was not in a status (or position) the command moves from.
 */
final class StatusChanges {
    private StatusChanges() {}

    /**
     * Acknowledges or resolves, recording when and by whom ({@code by} is the person when one
     * acted) in the command's own columns.
     */
    static Optional<Long> settle(JdbcClient db, UUID id, StatusCommand command, Optional<UUID> by, Instant now) {
        String columns = switch (command) {
            case ACKNOWLEDGE -> "acknowledged_at = :now, acknowledged_by";
            case RESOLVE -> "resolved_at = :now, resolved_by";
            default -> throw new IllegalArgumentException(command + " is not acknowledge or resolve");
        };
        return db.sql("""
                        UPDATE incidents SET status = :to, %s = CAST(:by AS UUID), event_seq = event_seq + 1,
                               %s
                        WHERE id = :id AND status IN (:from) RETURNING event_seq""".formatted(columns, IncidentWrites.LAST_CHANGE))
                .param("to", to(command)).param("from", codes(command))
                .param("now", Rows.param(now)).param("by", by.map(UUID::toString).orElse(null))
                .param("id", id).query(Long.class).optional();
    }

    /**
     * A page of the armed step or of the whole team ({@link StatusCommand#PAGE} by a timer,
     * {@link StatusCommand#ESCALATE} by hand): moves the incident from exactly {@code expected}
     * (status, armed step and loop, not exhausted) to {@code next}, reserving {@code events}.
     */
    static Optional<Long> page(JdbcClient db, UUID id, StatusCommand command, EscalationState expected,
                               EscalationState next, int events, Instant now) {
        if (!(expected.status().transition(command) instanceof StatusTransition.Moves moves)
                || moves.to() != next.status()) {
            throw new IllegalArgumentException(command + " does not move an incident from " + expected + " to " + next);
        }
        return db.sql("""
                        UPDATE incidents
                        SET status = :to, current_step = :nextStep, loop_count = :nextLoop,
                            loop_base = :nextBase, exhausted = :exhausted, acknowledged_at = NULL,
                            acknowledged_by = NULL, event_seq = event_seq + :events, %s
                        WHERE id = :id AND status = :status AND current_step = :step AND loop_count = :loop
                          AND exhausted = false
                        RETURNING event_seq""".formatted(IncidentWrites.LAST_CHANGE))
                .param("to", moves.to().code()).param("nextStep", next.step()).param("nextLoop", next.loop())
                .param("nextBase", next.loopBase()).param("exhausted", next.exhausted()).param("events", events)
                .param("now", Rows.param(now)).param("id", id).param("status", expected.status().code())
                .param("step", expected.step()).param("loop", expected.loop())
                .query(Long.class).optional();
    }

    /** The acknowledgement of loop {@code timerLoop} timed out: triggered again at {@code to}, reserving one event. */
    static Optional<Long> retrigger(JdbcClient db, UUID id, int timerLoop, EscalationState to, Instant now) {
        return db.sql("""
                        UPDATE incidents SET status = :to, current_step = :step, loop_count = :loop,
                               loop_base = :base, exhausted = false, acknowledged_at = NULL, acknowledged_by = NULL,
                               event_seq = event_seq + 1, %s
                        WHERE id = :id AND status IN (:from) AND loop_count = :timerLoop
                        RETURNING event_seq""".formatted(IncidentWrites.LAST_CHANGE))
                .param("to", to(StatusCommand.RETRIGGER)).param("from", codes(StatusCommand.RETRIGGER))
                .param("step", to.step()).param("loop", to.loop()).param("base", to.loopBase())
                .param("now", Rows.param(now)).param("id", id).param("timerLoop", timerLoop)
                .query(Long.class).optional();
    }

    /** The incident's alerts follow it after {@code command} moved it (only those not already there). */
    static void alertsFollow(JdbcClient db, UUID incidentId, StatusCommand command, Instant now) {
        db.sql("""
                        UPDATE alerts SET status = :to,
                               resolved_at = CASE WHEN :to = :resolved THEN CAST(:now AS TIMESTAMPTZ) ELSE resolved_at END
                        WHERE incident_id = :id AND status IN (:from) AND status <> :to""")
                .param("to", to(command)).param("resolved", IncidentStatus.RESOLVED.code())
                .param("now", Rows.param(now)).param("id", incidentId).param("from", codes(command)).update();
    }

    /**
     * One alert acknowledged or resolved by its monitoring tool (by dedup key), whether or not it
     * opened an incident (one recorded during maintenance has none and changes alone).
     */
    static void alertFollows(JdbcClient db, UUID alertId, StatusCommand command, Instant now) {
        db.sql("""
                        UPDATE alerts SET status = :to, last_seen_at = :now,
                               resolved_at = CASE WHEN :to = :resolved THEN CAST(:now AS TIMESTAMPTZ) ELSE resolved_at END
                        WHERE id = :id AND status <> :resolved""")
                .param("to", to(command)).param("resolved", IncidentStatus.RESOLVED.code())
                .param("now", Rows.param(now)).param("id", alertId).update();
    }

    private static String to(StatusCommand command) {
        return command.target().orElseThrow(() -> new IllegalArgumentException(command + " keeps the status")).code();
    }

    private static List<String> codes(StatusCommand command) {
        return command.movesFrom().stream().map(IncidentStatus::code).toList();
    }
}
