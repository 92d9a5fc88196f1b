package dev.oncall.store.schedule;

import dev.oncall.store.version.ConfigurationVersion;
import static dev.oncall.store.schedule.ScheduleRows.bump;

import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.ScheduleLimits;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.db.Constraints.Explanation;
import dev.oncall.store.db.Constraints;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Overrides: a team member on call instead of everyone the layers name, for a while. */
public final class Overrides {
    /** An {@code overrides} row. */
    public static final RowMapper<StoredOverride> ROW = (rs, n) -> new StoredOverride(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "schedule_id"), Rows.uuid(rs, "user_id"), Rows.instant(rs, "starts_at"),
            Rows.instant(rs, "ends_at"), Optional.ofNullable(Rows.uuid(rs, "created_by")));
    private static final Map<String, Explanation> CONSTRAINTS = Map.of(
            "overrides_user_id_fkey", new Explanation("userId", "no such user"));

    private final Transactions tx;

    public Overrides(Transactions tx) {
        this.tx = tx;
    }

    public StoredOverride create(UUID scheduleId, UUID userId, Instant start, Instant end,
                                 Optional<UUID> createdBy) {
        Problems problems = new Problems();
        Override.check(problems, userId == null ? null : userId.toString(), start, end);
        problems.throwIfAny();
        return ConfigurationVersion.write(tx, "schedule.createOverride", db -> {
            ScheduleInfo info = bump(db, scheduleId, null);
            TeamMembership.checkMember(db, info.teamId(), userId, "userId");
            int active = db.sql("SELECT count(*) FROM overrides WHERE schedule_id = :id AND ends_at > :start")
                    .param("id", scheduleId).param("start", Rows.param(start)).query(Integer.class).single();
            if (active >= ScheduleLimits.MAX_OVERRIDES) {
                throw ValidationException.of("scheduleId", "at most " + ScheduleLimits.MAX_OVERRIDES
                        + " current and future overrides per schedule");
            }
            try {
                UUID id = db.sql("""
                                INSERT INTO overrides (schedule_id, user_id, starts_at, ends_at, created_by)
                                VALUES (:schedule, :user, :start, :end, :by) RETURNING id""")
                        .param("schedule", scheduleId).param("user", userId).param("start", Rows.param(start))
                        .param("end", Rows.param(end)).param("by", createdBy.orElse(null), Types.OTHER)
                        .query(UUID.class).single();
                return new StoredOverride(id, scheduleId, userId, start, end, createdBy);
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
        });
    }

    public Optional<StoredOverride> find(UUID id) {
        return tx.read("schedule.findOverride", db -> db.sql("SELECT * FROM overrides WHERE id = :id")
                .param("id", id).query(ROW).optional());
    }

    public List<StoredOverride> between(UUID scheduleId, Instant from, Instant to) {
        return tx.read("schedule.overrides", db -> db.sql("""
                        SELECT * FROM overrides WHERE schedule_id = :id AND starts_at < :to AND ends_at > :from
                        ORDER BY starts_at, id""")
                .param("id", scheduleId).param("from", Rows.param(from)).param("to", Rows.param(to))
                .query(ROW).list());
    }

    public boolean delete(UUID id) {
        return ConfigurationVersion.write(tx, "schedule.deleteOverride", db -> {
            Optional<UUID> schedule = db.sql("SELECT schedule_id FROM overrides WHERE id = :id").param("id", id)
                    .query(UUID.class).optional();
            if (schedule.isEmpty()) {
                return false;
            }
            bump(db, schedule.get(), null);
            return db.sql("DELETE FROM overrides WHERE id = :id").param("id", id).update() > 0;
        });
    }

    static void checkUsers(JdbcClient db, UUID teamId, List<Override> overrides) {
        Problems problems = new Problems();
        for (int i = 0; i < overrides.size(); i++) {
            UUID user = overrides.get(i).user().asUuid().orElse(null);
            if (user == null || !TeamMembership.isMember(db, teamId, user)) {
                problems.add("overrides[" + i + "].user", "is not a member of the schedule's team");
            }
        }
        problems.throwIfAny();
    }

    static void insertAll(JdbcClient db, UUID scheduleId, List<Override> overrides, Optional<UUID> actor) {
        for (Override o : overrides) {
            db.sql("""
                            INSERT INTO overrides (schedule_id, user_id, starts_at, ends_at, created_by)
                            VALUES (:schedule, :user, :start, :end, :by)""")
                    .param("schedule", scheduleId).param("user", o.user().requireUuid())
                    .param("start", Rows.param(o.start())).param("end", Rows.param(o.end()))
                    .param("by", actor.orElse(null), Types.OTHER).update();
        }
    }
}
