package dev.oncall.store.heartbeat;

import dev.oncall.core.heartbeat.AlertState;
import dev.oncall.core.heartbeat.HeartbeatMonitor;
import dev.oncall.core.heartbeat.HeartbeatState;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.db.Constraints;
import dev.oncall.store.db.Constraints.Explanation;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;

/**
 * Heartbeat monitors: configuration, pings, and the overdue check. A missed beat is claimed by
 * exactly one worker through a conditional update ({@code state = 'healthy' AND due_at <= now}),
 * which also queues the alert in the same statement.
 */
public final class HeartbeatMonitorRepository {
    public static final int MAX_NAME = 100;
    public static final int MAX_PER_SERVICE = 50;
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_INTERVAL = Duration.ofDays(7);

    private static final SecureRandom RANDOM = new SecureRandom();
    static final RowMapper<HeartbeatMonitor> MONITOR = (rs, n) -> new HeartbeatMonitor(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "service_id"), rs.getString("name"), Duration.ofSeconds(rs.getInt("interval_seconds")),
            rs.getString("secret"), HeartbeatState.parse(rs.getString("state")), Rows.optionalInstant(rs, "last_ping_at"),
            Rows.optionalInstant(rs, "due_at"), rs.getInt("missed_count"), Rows.optionalInstant(rs, "overdue_since"),
            AlertState.parse(rs.getString("alert_state")), Rows.instant(rs, "created_at"));
    private static final Map<String, Explanation> CONSTRAINTS = Map.of(
            "heartbeat_monitors_service_name_key", new Explanation("name", "this service already has a heartbeat monitor with this name"),
            "heartbeat_monitors_service_id_fkey", new Explanation("serviceId", "no such service"));

    private final Transactions tx;

    public HeartbeatMonitorRepository(Transactions tx) {
        this.tx = tx;
    }

    // ------------------------------------------------------------------ configuration

    /** A new, inactive monitor with a random 32-hex-character secret (like an integration key). */
    public HeartbeatMonitor create(UUID serviceId, String name, Duration interval, Instant now) {
        check(name, interval);
        String secret = newSecret();
        return tx.write("heartbeat.create", db -> {
            int existing = db.sql("SELECT count(*) FROM heartbeat_monitors WHERE service_id = :s").param("s", serviceId)
                    .query(Integer.class).single();
            if (existing >= MAX_PER_SERVICE) {
                throw ValidationException.of("serviceId", "a service may have at most " + MAX_PER_SERVICE + " heartbeat monitors");
            }
            try {
                return db.sql("""
                                INSERT INTO heartbeat_monitors (service_id, name, interval_seconds, secret, created_at)
                                VALUES (:service, :name, :interval, :secret, :now) RETURNING *""")
                        .param("service", serviceId).param("name", name).param("interval", (int) interval.toSeconds())
                        .param("secret", secret).param("now", Rows.param(now)).query(MONITOR).single();
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
        });
    }

    /** Renames or re-times a monitor; a new interval applies from the next ping. */
    public HeartbeatMonitor update(UUID id, String name, Duration interval) {
        check(name, interval);
        return tx.write("heartbeat.update", db -> {
            try {
                return db.sql("UPDATE heartbeat_monitors SET name = :name, interval_seconds = :interval WHERE id = :id RETURNING *")
                        .param("name", name).param("interval", (int) interval.toSeconds()).param("id", id)
                        .query(MONITOR).optional().orElseThrow(() -> ValidationException.of("id", "no such heartbeat monitor"));
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
        });
    }

    /** A new secret; the old one stops working at once. */
    public HeartbeatMonitor rotateSecret(UUID id) {
        String secret = newSecret();
        return tx.write("heartbeat.rotateSecret", db -> db.sql("UPDATE heartbeat_monitors SET secret = :secret WHERE id = :id RETURNING *")
                .param("secret", secret).param("id", id).query(MONITOR).optional()
                .orElseThrow(() -> ValidationException.of("id", "no such heartbeat monitor")));
    }

    public boolean delete(UUID id) {
        return tx.write("heartbeat.delete", db -> db.sql("DELETE FROM heartbeat_monitors WHERE id = :id").param("id", id).update() > 0);
    }

    public Optional<HeartbeatMonitor> find(UUID id) {
        return tx.read("heartbeat.find", db -> db.sql("SELECT * FROM heartbeat_monitors WHERE id = :id").param("id", id)
                .query(MONITOR).optional());
    }

    public List<HeartbeatMonitor> listByService(UUID serviceId) {
        return tx.read("heartbeat.listByService", db -> db.sql("SELECT * FROM heartbeat_monitors WHERE service_id = :s ORDER BY name")
                .param("s", serviceId).query(MONITOR).list());
    }

    // ------------------------------------------------------------------ pings and the overdue check

    /**
     * Records a ping: the monitor is healthy until {@code now + interval}. A ping that ends an
     * overdue episode queues the resolve of its alert in the same statement. Empty for an
     * unknown secret.
     */
    public Optional<HeartbeatMonitor> ping(String secret, Instant now) {
        if (secret == null || secret.isEmpty() || secret.length() > 64) {
            return Optional.empty();
        }
        return tx.write("heartbeat.ping", db -> db.sql("""
                        UPDATE heartbeat_monitors
                           SET state = 'healthy', last_ping_at = :now,
                               due_at = CAST(:now AS TIMESTAMPTZ) + interval_seconds * INTERVAL '1 second',
                               overdue_since = NULL,
                               alert_state = CASE WHEN alert_state IN ('trigger_pending', 'triggered') THEN 'resolve_pending'
                                                  ELSE alert_state END
                         WHERE secret = :secret
                        RETURNING *""")
                .param("now", Rows.param(now)).param("secret", secret).query(MONITOR).optional());
    }

    /**
     * Marks up to {@code limit} healthy monitors whose ping is overdue at {@code now} as overdue
     * and queues their alerts; returns those this call marked. Each missed beat is marked by
     * exactly one caller, however many workers run this at once.
     */
    public List<HeartbeatMonitor> claimOverdue(Instant now, int limit) {
        return tx.write("heartbeat.claimOverdue", db -> db.sql("""
                        UPDATE heartbeat_monitors
                           SET state = 'overdue', overdue_since = due_at, missed_count = missed_count + 1,
                               alert_state = 'trigger_pending'
                         WHERE id IN (SELECT id FROM heartbeat_monitors
                                      WHERE state = 'healthy' AND due_at <= :now ORDER BY due_at LIMIT :limit)
                           AND state = 'healthy' AND due_at <= :now
                        RETURNING *""")
                .param("now", Rows.param(now)).param("limit", limit).query(MONITOR).list());
    }

    /**
     * Claims up to {@code limit} monitors whose alert event is waiting to be sent, for
     * {@code lease}; a worker that dies holding one loses it when the lease ends.
     */
    public List<HeartbeatMonitor> claimPendingAlerts(Instant now, Duration lease, int limit) {
        return tx.write("heartbeat.claimPendingAlerts", db -> db.sql("""
                        UPDATE heartbeat_monitors SET alert_claimed_until = :until
                         WHERE id IN (SELECT id FROM heartbeat_monitors
                                      WHERE alert_state IN ('trigger_pending', 'resolve_pending')
                                        AND (alert_claimed_until IS NULL OR alert_claimed_until <= :now)
                                      ORDER BY id LIMIT :limit)
                           AND alert_state IN ('trigger_pending', 'resolve_pending')
                           AND (alert_claimed_until IS NULL OR alert_claimed_until <= :now)
                        RETURNING *""")
                .param("until", Rows.param(now.plus(lease))).param("now", Rows.param(now)).param("limit", limit)
                .query(MONITOR).list());
    }

    /**
     * After the event for {@code sent} went out: moves the alert on (trigger_pending to
     * triggered, resolve_pending to none) and releases the claim, only if the state is still
     * {@code sent}. False when a ping or a new miss changed it meanwhile; the monitor then
     * stays pending with its new state and is sent again.
     */
    public boolean alertSent(UUID id, AlertState sent) {
        AlertState next = sent == AlertState.TRIGGER_PENDING ? AlertState.TRIGGERED : AlertState.NONE;
        return tx.write("heartbeat.alertSent", db -> {
            int n = db.sql("""
                            UPDATE heartbeat_monitors SET alert_state = :next, alert_claimed_until = NULL
                            WHERE id = :id AND alert_state = :sent""")
                    .param("next", next.code()).param("id", id).param("sent", sent.code()).update();
            if (n == 0) {
                db.sql("UPDATE heartbeat_monitors SET alert_claimed_until = NULL WHERE id = :id").param("id", id).update();
            }
            return n == 1;
        });
    }

    private static void check(String name, Duration interval) {
        Problems problems = new Problems();
        Text.required(problems, "name", name, MAX_NAME);
        if (interval == null) {
            problems.add("interval", "is required");
        } else if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            problems.add("interval", "must be between 1 minute and 7 days, got " + interval);
        } else if (interval.toSecondsPart() != 0 || interval.getNano() != 0) {
            problems.add("interval", "must be whole minutes, got " + interval);
        }
        problems.throwIfAny();
    }

    private static String newSecret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
