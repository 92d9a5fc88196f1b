package dev.oncall.store.schedule;

import dev.oncall.store.version.ConfigurationVersion;
import static dev.oncall.store.schedule.ScheduleRows.INFO;
import static dev.oncall.store.schedule.ScheduleRows.bump;
import static dev.oncall.store.schedule.ScheduleRows.info;
import static dev.oncall.store.schedule.ScheduleRows.orEmpty;
import static dev.oncall.store.schedule.ScheduleRows.stale;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.ScheduleLimits;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.core.validation.Zones;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.db.Constraints;
import dev.oncall.store.db.Constraints.Explanation;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Schedules themselves: their name, description and zone, and their whole configuration at
 * once (creating with layers and overrides, importing a schedule file). Layers, overrides and
 * cover requests one at a time are {@link Layers}, {@link Overrides} and {@link CoverRequests}.
 */
public final class Schedules {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 1000;

    private static final Map<String, Explanation> CONSTRAINTS = Map.of(
            "schedules_team_name_key", new Explanation("name", "this team already has a schedule with this name"),
            "schedules_team_id_fkey", new Explanation("teamId", "no such team"));

    private final Transactions tx;

    public Schedules(Transactions tx) {
        this.tx = tx;
    }

    public ScheduleInfo create(UUID teamId, String name, String description, String timezone) {
        Problems problems = new Problems();
        ZoneId zone = checkInfo(problems, name, description, timezone);
        problems.throwIfAny();
        return ConfigurationVersion.write(tx, "schedule.create", db -> {
            UUID id = insert(db, teamId, name, description, zone);
            return new ScheduleInfo(id, teamId, name, orEmpty(description), zone, 1);
        });
    }

    /**
     * Creates a schedule with its layers and overrides in one transaction (creating from the API
     * or importing a schedule file): either all of it exists afterwards or none of it.
     */
    public StoredSchedule create(UUID teamId, String name, String description, String timezone, List<Layer> layers,
                                 List<Override> overrides, Optional<UUID> actor) {
        Problems problems = new Problems();
        ZoneId zone = checkInfo(problems, name, description, timezone);
        problems.throwIfAny();
        Layers.checkCount(layers.size());
        return ConfigurationVersion.write(tx, "schedule.create", db -> {
            UUID id = insert(db, teamId, name, description, zone);
            TeamMembership.checkParticipants(db, teamId, layers, "layers");
            Overrides.checkUsers(db, teamId, overrides);
            for (int i = 0; i < layers.size(); i++) {
                Layers.insert(db, id, i, layers.get(i));
            }
            Overrides.insertAll(db, id, overrides, actor);
            return ScheduleLoader.load(db, id, ScheduleLimits.EARLIEST, ScheduleLimits.LATEST).orElseThrow();
        });
    }

    public ScheduleInfo update(UUID id, long expectedVersion, String name, String description, String timezone) {
        Problems problems = new Problems();
        ZoneId zone = checkInfo(problems, name, description, timezone);
        problems.throwIfAny();
        return ConfigurationVersion.write(tx, "schedule.update", db -> {
            ScheduleInfo current = info(db, id);
            try {
                int n = db.sql("""
                                UPDATE schedules SET name = :name, description = :description, timezone = :tz,
                                       config_version = config_version + 1, updated_at = now()
                                WHERE id = :id AND config_version = :version""")
                        .param("name", name).param("description", orEmpty(description)).param("tz", zone.getId())
                        .param("id", id).param("version", expectedVersion).update();
                if (n == 0) {
                    throw stale(current.version(), expectedVersion);
                }
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
            return new ScheduleInfo(id, current.teamId(), name, orEmpty(description), zone, expectedVersion + 1);
        });
    }

    /**
     * Replaces the schedule's zone, layers and all its overrides at once (schedule import),
     * if it is still at {@code expectedVersion}.
     */
    public StoredSchedule replaceConfiguration(UUID scheduleId, long expectedVersion, ZoneId zone, List<Layer> layers,
                                               List<Override> overrides, Optional<UUID> actor) {
        Layers.checkCount(layers.size());
        return ConfigurationVersion.write(tx, "schedule.import", db -> {
            ScheduleInfo info = bump(db, scheduleId, expectedVersion);
            TeamMembership.checkParticipants(db, info.teamId(), layers, "layers");
            Overrides.checkUsers(db, info.teamId(), overrides);
            db.sql("UPDATE schedules SET timezone = :tz WHERE id = :id").param("tz", zone.getId()).param("id", scheduleId)
                    .update();
            db.sql("DELETE FROM rotation_layers WHERE schedule_id = :id").param("id", scheduleId).update();
            db.sql("DELETE FROM overrides WHERE schedule_id = :id").param("id", scheduleId).update();
            for (int i = 0; i < layers.size(); i++) {
                Layers.insert(db, scheduleId, i, layers.get(i));
            }
            Overrides.insertAll(db, scheduleId, overrides, actor);
            return ScheduleLoader.load(db, scheduleId, ScheduleLimits.EARLIEST, ScheduleLimits.LATEST).orElseThrow();
        });
    }

    /** Deletes a schedule; refused while an escalation step targets it. */
    public boolean delete(UUID id) {
        return ConfigurationVersion.write(tx, "schedule.delete", db -> {
            int uses = db.sql("SELECT count(*) FROM escalation_step_targets WHERE target_type = 'schedule' AND target_id = :id")
                    .param("id", id).query(Integer.class).single();
            if (uses > 0) {
                throw ValidationException.of("id", "the schedule is a target of " + uses
                        + " escalation step(s); remove it from those policies first");
            }
            return db.sql("DELETE FROM schedules WHERE id = :id").param("id", id).update() > 0;
        });
    }

    public Optional<ScheduleInfo> find(UUID id) {
        return tx.read("schedule.find", db -> db.sql("SELECT * FROM schedules WHERE id = :id").param("id", id)
                .query(INFO).optional());
    }

    public List<ScheduleInfo> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return tx.read("schedule.findAll", db -> db.sql("SELECT * FROM schedules WHERE id IN (:ids)")
                .param("ids", ids).query(INFO).list());
    }

    public List<ScheduleInfo> listByTeam(UUID teamId) {
        return tx.read("schedule.listByTeam", db -> db.sql("SELECT * FROM schedules WHERE team_id = :team ORDER BY name")
                .param("team", teamId).query(INFO).list());
    }

    /** Every schedule's id and version, for jobs that sweep all schedules (materializer, auditor). */
    public List<ScheduleInfo> listAll() {
        return tx.read("schedule.listAll", db -> db.sql("SELECT * FROM schedules ORDER BY id").query(INFO).list());
    }

    private static UUID insert(JdbcClient db, UUID teamId, String name, String description, ZoneId zone) {
        try {
            return db.sql("""
                            INSERT INTO schedules (team_id, name, description, timezone)
                            VALUES (:team, :name, :description, :tz) RETURNING id""")
                    .param("team", teamId).param("name", name).param("description", orEmpty(description))
                    .param("tz", zone.getId()).query(UUID.class).single();
        } catch (DataIntegrityViolationException e) {
            throw Constraints.explain(e, CONSTRAINTS);
        }
    }

    private static ZoneId checkInfo(Problems problems, String name, String description, String timezone) {
        Text.required(problems, "name", name, MAX_NAME);
        Text.optional(problems, "description", description, MAX_DESCRIPTION);
        return Zones.check(problems, "timezone", timezone);
    }
}
