package dev.oncall.store.shift;

import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.shift.Shift;
import dev.oncall.core.shift.ShiftMaterializer;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.StoredSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Materializing schedules' shifts, safe to run on every worker of every region at once.
 *
 * <p>A schedule needs work when its configuration moved past the version its shifts were
 * computed from, or its last run is older than the refresh interval (the daily top-up that
 * keeps the horizon ahead of now). A worker first claims it: a conditional upsert of the
 * schedule's {@code schedule_materializations} row that succeeds only while no live lease is
 * held and the work is still needed. It then recomputes and replaces the future shifts and
 * records the version it used in one transaction that commits only if it still holds the
 * lease, so a schedule's job is done by exactly one worker at a time and a worker whose lease
 * was taken over writes nothing.
 */
public final class ShiftMaterializations {
    static final RowMapper<MaterializationState> STATE = (rs, n) -> new MaterializationState(
            Rows.uuid(rs, "schedule_id"), rs.getLong("config_version"), Rows.optionalInstant(rs, "materialized_from"),
            Rows.optionalInstant(rs, "horizon_end"), Rows.optionalInstant(rs, "materialized_at"), rs.getLong("runs"));

    /** What one run did. */
    public enum Outcome {
        /** Shifts were replaced from the claimed instant on. */
        MATERIALIZED,
        /** Someone else held the schedule, or it needed nothing any more. */
        NOT_CLAIMED,
        /** The lease was taken over while computing: nothing was written. */
        LEASE_LOST,
        /** The schedule was deleted meanwhile. */
        GONE
    }

    private final Transactions tx;
    private final Duration horizon;
    private final Duration refreshAfter;
    private final Duration lease;

    /**
     * @param horizon      how far ahead of now shifts are kept
     * @param refreshAfter a schedule whose last run is this old is materialized again
     * @param lease        how long a claim holds before another worker may take the schedule over
     */
    public ShiftMaterializations(Transactions tx, Duration horizon, Duration refreshAfter, Duration lease) {
        this.tx = tx;
        this.horizon = horizon;
        this.refreshAfter = refreshAfter;
        this.lease = lease;
    }

    /** Up to {@code limit} schedules that need work and are not leased, changed ones first. */
    public List<UUID> due(Instant now, int limit) {
        return tx.read("shift.due", db -> db.sql("""
                        SELECT s.id FROM schedules s LEFT JOIN schedule_materializations m ON m.schedule_id = s.id
                        WHERE (m.schedule_id IS NULL OR m.config_version < s.config_version
                               OR m.materialized_at IS NULL OR m.materialized_at <= :refresh)
                          AND (m.lease_until IS NULL OR m.lease_until <= :now)
                        ORDER BY CASE WHEN m.schedule_id IS NULL OR m.config_version < s.config_version THEN 0 ELSE 1 END,
                                 s.id
                        LIMIT :limit""")
                .param("refresh", Rows.param(now.minus(refreshAfter))).param("now", Rows.param(now))
                .param("limit", limit).query(UUID.class).list());
    }

    /** Claims and materializes one schedule as {@code owner} at {@code now}. */
    public Outcome run(UUID scheduleId, String owner, Instant at) {
        // Stored instants have microseconds: work at that precision so that the shifts cut at
        // now and the ones starting at now meet exactly.
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        if (!claim(scheduleId, owner, now)) {
            return Outcome.NOT_CLAIMED;
        }
        return materialize(scheduleId, owner, now);
    }

    /** The conditional claim; true when {@code owner} now holds the schedule's lease. */
    public boolean claim(UUID scheduleId, String owner, Instant now) {
        return tx.write("shift.claim", db -> {
            Optional<Long> version = db.sql("SELECT config_version FROM schedules WHERE id = :id")
                    .param("id", scheduleId).query(Long.class).optional();
            if (version.isEmpty()) {
                return false;
            }
            return db.sql("""
                            INSERT INTO schedule_materializations (schedule_id, lease_owner, lease_until)
                            VALUES (:id, :owner, :until)
                            ON CONFLICT (schedule_id) DO UPDATE
                               SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
                             WHERE (schedule_materializations.lease_until IS NULL
                                    OR schedule_materializations.lease_until <= :now)
                               AND (schedule_materializations.config_version < :version
                                    OR schedule_materializations.materialized_at IS NULL
                                    OR schedule_materializations.materialized_at <= :refresh)""")
                    .param("id", scheduleId).param("owner", owner).param("until", Rows.param(now.plus(lease)))
                    .param("now", Rows.param(now)).param("version", version.get())
                    .param("refresh", Rows.param(now.minus(refreshAfter))).update() == 1;
        });
    }

    /**
     * Recomputes the schedule's shifts for [now, now + horizon) from its current configuration
     * and replaces the future ones, if {@code owner} still holds the lease.
     */
    public Outcome materialize(UUID scheduleId, String owner, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        Instant end = now.plus(horizon);
        return tx.write("shift.materialize", db -> {
            Optional<StoredSchedule> stored = ScheduleLoader.load(db, scheduleId, now, end);
            if (stored.isEmpty()) {
                return Outcome.GONE;
            }
            if (!holds(db, scheduleId, owner)) {
                return Outcome.LEASE_LOST;
            }
            Schedule schedule = stored.get().toSchedule();
            long version = stored.get().info().version();
            List<Shift> fresh = ShiftMaterializer.materialize(schedule, now, end);
            ShiftRepository.replaceFrom(db, scheduleId, now, version, fresh);
            db.sql("""
                            UPDATE schedule_materializations
                               SET config_version = :version, materialized_from = :now, horizon_end = :end,
                                   materialized_at = :now, runs = runs + 1, lease_owner = NULL, lease_until = NULL
                             WHERE schedule_id = :id AND lease_owner = :owner""")
                    .param("version", version).param("now", Rows.param(now)).param("end", Rows.param(end))
                    .param("id", scheduleId).param("owner", owner).update();
            return Outcome.MATERIALIZED;
        });
    }

    private static boolean holds(JdbcClient db, UUID scheduleId, String owner) {
        // Read in the writing transaction: under SERIALIZABLE a concurrent takeover conflicts
        // with this read, so a run that lost its lease rolls back or sees it lost.
        return db.sql("SELECT count(*) FROM schedule_materializations WHERE schedule_id = :id AND lease_owner = :owner")
                .param("id", scheduleId).param("owner", owner).query(Integer.class).single() == 1;
    }

    public Optional<MaterializationState> state(UUID scheduleId) {
        return tx.read("shift.state", db -> states(db, List.of(scheduleId))).values().stream().findFirst();
    }

    /** The materialization state of several schedules; schedules never materialized are absent. */
    public static Map<UUID, MaterializationState> states(JdbcClient db, List<UUID> scheduleIds) {
        Map<UUID, MaterializationState> out = new LinkedHashMap<>();
        if (!scheduleIds.isEmpty()) {
            db.sql("SELECT * FROM schedule_materializations WHERE schedule_id IN (:ids)").param("ids", scheduleIds)
                    .query(STATE).list().forEach(s -> out.put(s.scheduleId(), s));
        }
        return out;
    }
}
