package dev.oncall.store.incident;

import dev.oncall.core.escalation.TimerKind;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.platform.db.Rows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The writes every incident transaction shares: appending events with their per-incident
 * sequence numbers, timers, intents, assignees, and stopping escalation. Each is one statement
 * whatever the number of rows (multi-row VALUES), so a step paging ten people costs the same
 * round trips as one.
 */
final class IncidentWrites {
    private IncidentWrites() {}

    /**
     * What every statement reserving event numbers sets (with {@code :now}): the instant of the
     * incident's last change, which never goes back. Its events are stamped with it
     * ({@link #insertEvents}), so an event is never earlier than the one before it even when the
     * processes appending them disagree on the time (a clock stepped back, a transaction retried
     * with the instant it first read): the log reads in time order as it does in seq order.
     */
    static final String LAST_CHANGE = "updated_at = GREATEST(updated_at, CAST(:now AS TIMESTAMPTZ))";

    /** Reserves {@code count} sequence numbers on the incident; returns the last one. */
    static long reserveSeq(JdbcClient db, UUID incidentId, int count, Instant now) {
        return db.sql("UPDATE incidents SET event_seq = event_seq + :n, " + LAST_CHANGE + " WHERE id = :id RETURNING event_seq")
                .param("n", count).param("now", Rows.param(now)).param("id", incidentId)
                .query(Long.class).single();
    }

    /**
     * Inserts events numbered {@code lastSeq - events.size() + 1 .. lastSeq}, in list order, at
     * {@code at} or at the incident's last change if that is later ({@link #LAST_CHANGE}, which the
     * statement that reserved the numbers has just moved).
     */
    static void insertEvents(JdbcClient db, UUID incidentId, UUID teamId, long lastSeq, Actor actor, Channel channel,
                             Instant at, List<NewEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO incident_events (incident_id, team_id, seq, kind, actor_type, actor_id, channel, data, created_at)
                VALUES """);
        List<Object> params = new ArrayList<>();
        long seq = lastSeq - events.size() + 1;
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, CAST(? AS JSONB), "
                    + "GREATEST(CAST(? AS TIMESTAMPTZ), (SELECT updated_at FROM incidents WHERE id = ?)))");
            NewEvent e = events.get(i);
            params.addAll(Arrays.asList(incidentId, teamId, seq + i, e.kind().code(), actor.type().code(), actor.id(),
                    channel.code(), e.data().toString(), Rows.param(at), incidentId));
        }
        db.sql(sql.toString()).params(params).update();
    }

    /**
     * Reserves sequence numbers and appends the events, in one statement: for writes that did
     * not already bump event_seq. Stamped as {@link #insertEvents} stamps them. Returns the
     * incident's team (whom to wake).
     */
    static UUID appendEvents(JdbcClient db, UUID incidentId, Actor actor, Channel channel, Instant at,
                             List<NewEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        StringBuilder values = new StringBuilder();
        List<Object> params = new ArrayList<>(List.of(events.size(), Rows.param(at), incidentId));
        for (int i = 0; i < events.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(").append(i + 1).append(", CAST(? AS VARCHAR), CAST(? AS JSONB))");
            params.addAll(List.of(events.get(i).kind().code(), events.get(i).data().toString()));
        }
        params.addAll(Arrays.asList(events.size(), actor.type().code(), actor.id(), channel.code()));
        // The UPDATE locks the incident row, so concurrent appends get consecutive numbers.
        return db.sql("""
                        WITH reserved AS (
                            UPDATE incidents SET event_seq = event_seq + ?,
                                                 updated_at = GREATEST(updated_at, CAST(? AS TIMESTAMPTZ))
                            WHERE id = ?
                            RETURNING id, team_id, event_seq, updated_at),
                        appended (ord, kind, data) AS (VALUES %s)
                        INSERT INTO incident_events (incident_id, team_id, seq, kind, actor_type, actor_id, channel,
                                                     data, created_at)
                        SELECT r.id, r.team_id, r.event_seq - ? + a.ord, a.kind, ?, ?, ?, a.data, r.updated_at
                        FROM reserved r CROSS JOIN appended a
                        RETURNING team_id""".formatted(values))
                .params(params).query(UUID.class).list().getFirst();
    }

    static void insertStepTimer(JdbcClient db, UUID incidentId, int step, int loop, Instant due, String region,
                                Instant now) {
        db.sql("""
                        INSERT INTO escalation_timers (incident_id, kind, step, loop_count, due_at, region, created_at)
                        VALUES (:incident, :kind, :step, :loop, :due, :region, :now)
                        ON CONFLICT (incident_id, loop_count, step) DO NOTHING""")
                .param("incident", incidentId).param("kind", TimerKind.STEP.code()).param("step", step).param("loop", loop).param("due", Rows.param(due))
                .param("region", region).param("now", Rows.param(now)).update();
    }

    /** The acknowledgement timeout: step -1 of the acknowledged loop, so it never meets a step timer. */
    static void insertAckTimer(JdbcClient db, UUID incidentId, int loop, Instant due, String region, Instant now) {
        db.sql("""
                        INSERT INTO escalation_timers (incident_id, kind, step, loop_count, due_at, region, created_at)
                        VALUES (:incident, :kind, -1, :loop, :due, :region, :now)
                        ON CONFLICT (incident_id, loop_count, step) DO UPDATE SET due_at = excluded.due_at""")
                .param("incident", incidentId).param("kind", TimerKind.ACK_TIMEOUT.code()).param("loop", loop).param("due", Rows.param(due))
                .param("region", region).param("now", Rows.param(now)).update();
    }

    /** Stops escalation: no timer of the incident will fire, no pending page will be sent. */
    static void stopEscalation(JdbcClient db, UUID incidentId, Instant now) {
        db.sql("DELETE FROM escalation_timers WHERE incident_id = :id").param("id", incidentId).update();
        db.sql("""
                        UPDATE notification_attempts SET state = 'cancelled', updated_at = :now
                        WHERE incident_id = :id AND state = 'pending'""")
                .param("id", incidentId).param("now", Rows.param(now)).update();
    }

    /** One notification intent (notification_attempts row) to insert. */
    record Intent(String idempotencyKey, UUID userId, UUID contactMethodId, ContactMethodType channel, int step, int loop,
                  Instant notBefore) {}

    /** Inserts intents; a key already present (the same page decided twice) is skipped. Returns how many were new. */
    static int insertIntents(JdbcClient db, UUID incidentId, String region, Instant now, Collection<Intent> intents) {
        if (intents.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO notification_attempts (idempotency_key, incident_id, user_id, contact_method_id, step,
                    loop_count, channel, region, state, not_before, created_at, updated_at)
                VALUES """);
        List<Object> params = new ArrayList<>();
        int i = 0;
        for (Intent in : intents) {
            sql.append(i++ == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)");
            params.addAll(Arrays.asList(in.idempotencyKey(), incidentId, in.userId(), in.contactMethodId(), in.step(),
                    in.loop(), in.channel().code(), region, Rows.param(in.notBefore()), Rows.param(now), Rows.param(now)));
        }
        sql.append(" ON CONFLICT (idempotency_key) DO NOTHING");
        return db.sql(sql.toString()).params(params).update();
    }

    /** Makes {@code users} the incident's assignees (replacing the previous ones). */
    static void replaceAssignees(JdbcClient db, UUID incidentId, Collection<UUID> users, Instant now) {
        db.sql("DELETE FROM incident_assignees WHERE incident_id = :id").param("id", incidentId).update();
        if (users.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO incident_assignees (incident_id, user_id, assigned_at) VALUES ");
        List<Object> params = new ArrayList<>();
        int i = 0;
        for (UUID u : users) {
            sql.append(i++ == 0 ? "" : ", ").append("(?, ?, ?)");
            params.addAll(Arrays.asList(incidentId, u, Rows.param(now)));
        }
        db.sql(sql.toString()).params(params).update();
    }

    static java.util.Optional<Incident> load(JdbcClient db, UUID id) {
        return db.sql("SELECT * FROM incidents WHERE id = :id").param("id", id).query(IncidentRows::map).optional();
    }
}
