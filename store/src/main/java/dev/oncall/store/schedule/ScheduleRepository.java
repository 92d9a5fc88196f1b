package dev.oncall.store.schedule;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.schedule.ScheduleLimits;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.core.validation.Zones;
import dev.oncall.store.db.Constraints;
import dev.oncall.store.db.Constraints.Explanation;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Schedules with their layers, overrides and cover requests. Every change bumps the schedule's
 * {@code config_version} in the same transaction, which is what invalidates cached on-call
 * answers and materialized shifts. Writes that replace configuration carry the version they
 * read and are refused when it moved on. Everyone a schedule names must be a member of its team.
 */
public final class ScheduleRepository {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 1000;
    public static final int MAX_REASON = 1000;
    /** The longest cover request: it is checked against the engine over its whole span. */
    public static final java.time.Duration MAX_COVER_LENGTH = java.time.Duration.ofDays(366);

    static final RowMapper<ScheduleInfo> INFO = (rs, n) -> new ScheduleInfo(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "team_id"), rs.getString("name"), rs.getString("description"),
            ZoneId.of(rs.getString("timezone")), rs.getLong("config_version"));
    static final RowMapper<StoredOverride> OVERRIDE = (rs, n) -> new StoredOverride(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "schedule_id"), Rows.uuid(rs, "user_id"), Rows.instant(rs, "starts_at"),
            Rows.instant(rs, "ends_at"), Optional.ofNullable(Rows.uuid(rs, "created_by")));
    static final RowMapper<StoredCoverage> COVERAGE = (rs, n) -> new StoredCoverage(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "schedule_id"), Rows.uuid(rs, "requester"), Rows.instant(rs, "starts_at"),
            Rows.instant(rs, "ends_at"), rs.getString("reason"), CoverageStatus.parse(rs.getString("status")),
            Optional.ofNullable(Rows.uuid(rs, "claimed_by")), Rows.optionalInstant(rs, "claimed_at"));
    private static final Map<String, Explanation> CONSTRAINTS = Map.of(
            "schedules_team_name_key", new Explanation("name", "this team already has a schedule with this name"),
            "schedules_team_id_fkey", new Explanation("teamId", "no such team"),
            "overrides_user_id_fkey", new Explanation("userId", "no such user"),
            "coverage_requests_requester_fkey", new Explanation("requester", "no such user"));

    private final Transactions tx;

    public ScheduleRepository(Transactions tx) {
        this.tx = tx;
    }

    // ------------------------------------------------------------------ the schedule itself

    public ScheduleInfo create(UUID teamId, String name, String description, String timezone) {
        Problems problems = new Problems();
        ZoneId zone = checkInfo(problems, name, description, timezone);
        problems.throwIfAny();
        return tx.write("schedule.create", db -> {
            try {
                UUID id = db.sql("""
                                INSERT INTO schedules (team_id, name, description, timezone)
                                VALUES (:team, :name, :description, :tz) RETURNING id""")
                        .param("team", teamId).param("name", name).param("description", orEmpty(description))
                        .param("tz", zone.getId()).query(UUID.class).single();
                return new ScheduleInfo(id, teamId, name, orEmpty(description), zone, 1);
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
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
        checkLayerCount(layers.size());
        return tx.write("schedule.create", db -> {
            UUID id;
            try {
                id = db.sql("""
                                INSERT INTO schedules (team_id, name, description, timezone)
                                VALUES (:team, :name, :description, :tz) RETURNING id""")
                        .param("team", teamId).param("name", name).param("description", orEmpty(description))
                        .param("tz", zone.getId()).query(UUID.class).single();
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
            checkParticipants(db, teamId, layers, "layers");
            checkOverrideUsers(db, teamId, overrides);
            for (int i = 0; i < layers.size(); i++) {
                insertLayer(db, id, i, layers.get(i));
            }
            insertOverrides(db, id, overrides, actor);
            return load(db, id, ScheduleLimits.EARLIEST, ScheduleLimits.LATEST).orElseThrow();
        });
    }

    public ScheduleInfo update(UUID id, long expectedVersion, String name, String description, String timezone) {
        Problems problems = new Problems();
        ZoneId zone = checkInfo(problems, name, description, timezone);
        problems.throwIfAny();
        return tx.write("schedule.update", db -> {
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

    /** Deletes a schedule; refused while an escalation step targets it. */
    public boolean delete(UUID id) {
        return tx.write("schedule.delete", db -> {
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

    // ------------------------------------------------------------------ loading for evaluation

    /**
     * The schedule with its layers, and the overrides and cover requests overlapping
     * [from, to): enough to evaluate it exactly anywhere inside that window.
     */
    public Optional<StoredSchedule> load(UUID id, Instant from, Instant to) {
        return tx.read("schedule.load", db -> load(db, id, from, to));
    }

    public static Optional<StoredSchedule> load(JdbcClient db, UUID id, Instant from, Instant to) {
        Optional<ScheduleInfo> info = db.sql("SELECT * FROM schedules WHERE id = :id").param("id", id)
                .query(INFO).optional();
        if (info.isEmpty()) {
            return Optional.empty();
        }
        List<StoredLayer> layers = layers(db, List.of(id)).getOrDefault(id, List.of());
        List<StoredOverride> overrides = db.sql("""
                        SELECT * FROM overrides WHERE schedule_id = :id AND starts_at < :to AND ends_at > :from
                        ORDER BY created_at, id""")
                .param("id", id).param("from", Rows.param(from)).param("to", Rows.param(to))
                .query(OVERRIDE).list();
        List<StoredCoverage> coverages = db.sql("""
                        SELECT * FROM coverage_requests WHERE schedule_id = :id AND starts_at < :to AND ends_at > :from
                        AND status <> 'cancelled' ORDER BY created_at, id""")
                .param("id", id).param("from", Rows.param(from)).param("to", Rows.param(to))
                .query(COVERAGE).list();
        return Optional.of(new StoredSchedule(info.get(), layers, overrides, coverages));
    }

    /** Layers of several schedules at once, in priority order (lowest first), for batch loading. */
    public Map<UUID, List<StoredLayer>> layersOf(List<UUID> scheduleIds) {
        if (scheduleIds.isEmpty()) {
            return Map.of();
        }
        return tx.read("schedule.layersOf", db -> layers(db, scheduleIds));
    }

    /** Layers of several schedules inside the caller's transaction (the auditor's consistent batch reads). */
    public static Map<UUID, List<StoredLayer>> layers(JdbcClient db, List<UUID> scheduleIds) {
        record Row(UUID id, UUID schedule, String name, String type, Integer count, String period, LocalDateTime start,
                   LocalDateTime end, int usersPerShift, String restrictions) {}
        List<Row> rows = db.sql("SELECT * FROM rotation_layers WHERE schedule_id IN (:ids) ORDER BY schedule_id, layer_order")
                .param("ids", scheduleIds)
                .query((rs, n) -> new Row(Rows.uuid(rs, "id"), Rows.uuid(rs, "schedule_id"), rs.getString("name"),
                        rs.getString("rotation_type"), (Integer) rs.getObject("rotation_count"),
                        rs.getString("rotation_period"), rs.getObject("start_local", LocalDateTime.class),
                        rs.getObject("end_local", LocalDateTime.class), rs.getInt("users_per_shift"),
                        rs.getString("restrictions")))
                .list();
        Map<UUID, List<String>> participants = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            db.sql("SELECT layer_id, user_id FROM layer_participants WHERE layer_id IN (:ids) ORDER BY layer_id, position")
                    .param("ids", rows.stream().map(Row::id).toList())
                    .query((rs, n) -> {
                        participants.computeIfAbsent(Rows.uuid(rs, "layer_id"), k -> new ArrayList<>())
                                .add(Rows.uuid(rs, "user_id").toString());
                        return null;
                    }).list();
        }
        Map<UUID, List<StoredLayer>> out = new LinkedHashMap<>();
        for (Row r : rows) {
            Rotation rotation = "custom".equals(r.type()) ? Rotation.custom(r.period())
                    : Rotation.counted(Rotation.Type.valueOf(r.type().toUpperCase(java.util.Locale.ROOT)), r.count());
            Layer layer = new Layer(r.name(), r.start(), Optional.ofNullable(r.end()), rotation,
                    participants.getOrDefault(r.id(), List.of()), r.usersPerShift(), RestrictionJson.read(r.restrictions()));
            out.computeIfAbsent(r.schedule(), k -> new ArrayList<>()).add(new StoredLayer(r.id(), r.schedule(), layer));
        }
        return out;
    }

    // ------------------------------------------------------------------ layers

    /**
     * Replaces every layer of the schedule (in priority order, lowest first) if the schedule is
     * still at {@code expectedVersion}. Participants are user ids that must be team members.
     */
    public List<StoredLayer> replaceLayers(UUID scheduleId, long expectedVersion, List<Layer> layers) {
        checkLayerCount(layers.size());
        return tx.write("schedule.replaceLayers", db -> {
            ScheduleInfo info = bump(db, scheduleId, expectedVersion);
            checkParticipants(db, info.teamId(), layers, "layers");
            db.sql("DELETE FROM rotation_layers WHERE schedule_id = :id").param("id", scheduleId).update();
            List<StoredLayer> out = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                out.add(insertLayer(db, scheduleId, i, layers.get(i)));
            }
            return out;
        });
    }

    /** Adds a layer on top of the existing ones (highest priority). */
    public StoredLayer addLayer(UUID scheduleId, long expectedVersion, Layer layer) {
        return tx.write("schedule.addLayer", db -> {
            ScheduleInfo info = bump(db, scheduleId, expectedVersion);
            int count = db.sql("SELECT count(*) FROM rotation_layers WHERE schedule_id = :id").param("id", scheduleId)
                    .query(Integer.class).single();
            checkLayerCount(count + 1);
            checkParticipants(db, info.teamId(), List.of(layer), "layer");
            int next = db.sql("SELECT coalesce(max(layer_order) + 1, 0) FROM rotation_layers WHERE schedule_id = :id")
                    .param("id", scheduleId).query(Integer.class).single();
            return insertLayer(db, scheduleId, next, layer);
        });
    }

    public StoredLayer updateLayer(UUID layerId, long expectedVersion, Layer layer) {
        return tx.write("schedule.updateLayer", db -> {
            UUID scheduleId = scheduleOfLayer(db, layerId);
            ScheduleInfo info = bump(db, scheduleId, expectedVersion);
            checkParticipants(db, info.teamId(), List.of(layer), "layer");
            int order = db.sql("SELECT layer_order FROM rotation_layers WHERE id = :id").param("id", layerId)
                    .query(Integer.class).single();
            db.sql("DELETE FROM rotation_layers WHERE id = :id").param("id", layerId).update();
            StoredLayer inserted = insertLayer(db, scheduleId, order, layer, layerId);
            return inserted;
        });
    }

    public boolean deleteLayer(UUID layerId, long expectedVersion) {
        return tx.write("schedule.deleteLayer", db -> {
            UUID scheduleId = scheduleOfLayer(db, layerId);
            bump(db, scheduleId, expectedVersion);
            return db.sql("DELETE FROM rotation_layers WHERE id = :id").param("id", layerId).update() > 0;
        });
    }

    /** The schedule a layer belongs to, if the layer exists. */
    public Optional<UUID> scheduleOfLayer(UUID layerId) {
        return tx.read("schedule.scheduleOfLayer", db -> db.sql("SELECT schedule_id FROM rotation_layers WHERE id = :id")
                .param("id", layerId).query(UUID.class).optional());
    }

    private static UUID scheduleOfLayer(JdbcClient db, UUID layerId) {
        return db.sql("SELECT schedule_id FROM rotation_layers WHERE id = :id").param("id", layerId)
                .query(UUID.class).optional().orElseThrow(() -> ValidationException.of("id", "no such layer"));
    }

    private static StoredLayer insertLayer(JdbcClient db, UUID scheduleId, int order, Layer layer) {
        return insertLayer(db, scheduleId, order, layer, UUID.randomUUID());
    }

    private static StoredLayer insertLayer(JdbcClient db, UUID scheduleId, int order, Layer layer, UUID id) {
        Rotation r = layer.rotation();
        boolean custom = r.type() == Rotation.Type.CUSTOM;
        db.sql("""
                        INSERT INTO rotation_layers (id, schedule_id, name, layer_order, rotation_type, rotation_count,
                               rotation_period, start_local, end_local, users_per_shift, restrictions)
                        VALUES (:id, :schedule, :name, :order, :type, :count, :period, :start, :end, :ups,
                                CAST(:restrictions AS JSONB))""")
                .param("id", id).param("schedule", scheduleId).param("name", layer.name()).param("order", order)
                .param("type", r.type().spelling())
                .param("count", custom ? null : r.count(), Types.INTEGER)
                .param("period", custom ? r.isoLength() : null, Types.VARCHAR)
                .param("start", layer.start())
                .param("end", layer.end().orElse(null), Types.TIMESTAMP)
                .param("ups", layer.usersPerShift())
                .param("restrictions", RestrictionJson.write(layer.restrictions()))
                .update();
        List<String> participants = layer.participants();
        for (int i = 0; i < participants.size(); i++) {
            db.sql("INSERT INTO layer_participants (layer_id, position, user_id) VALUES (:layer, :pos, :user)")
                    .param("layer", id).param("pos", i).param("user", UUID.fromString(participants.get(i))).update();
        }
        return new StoredLayer(id, scheduleId, layer);
    }

    // ------------------------------------------------------------------ overrides

    public StoredOverride createOverride(UUID scheduleId, UUID userId, Instant start, Instant end,
                                         Optional<UUID> createdBy) {
        Problems problems = new Problems();
        Override.check(problems, userId == null ? null : userId.toString(), start, end);
        problems.throwIfAny();
        return tx.write("schedule.createOverride", db -> {
            ScheduleInfo info = bump(db, scheduleId, null);
            checkMember(db, info.teamId(), userId, "userId");
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

    public Optional<StoredOverride> findOverride(UUID id) {
        return tx.read("schedule.findOverride", db -> db.sql("SELECT * FROM overrides WHERE id = :id")
                .param("id", id).query(OVERRIDE).optional());
    }

    public List<StoredOverride> overrides(UUID scheduleId, Instant from, Instant to) {
        return tx.read("schedule.overrides", db -> db.sql("""
                        SELECT * FROM overrides WHERE schedule_id = :id AND starts_at < :to AND ends_at > :from
                        ORDER BY starts_at, id""")
                .param("id", scheduleId).param("from", Rows.param(from)).param("to", Rows.param(to))
                .query(OVERRIDE).list());
    }

    public boolean deleteOverride(UUID id) {
        return tx.write("schedule.deleteOverride", db -> {
            Optional<UUID> schedule = db.sql("SELECT schedule_id FROM overrides WHERE id = :id").param("id", id)
                    .query(UUID.class).optional();
            if (schedule.isEmpty()) {
                return false;
            }
            bump(db, schedule.get(), null);
            return db.sql("DELETE FROM overrides WHERE id = :id").param("id", id).update() > 0;
        });
    }

    /**
     * Replaces the schedule's zone, layers and all its overrides at once (schedule import),
     * if it is still at {@code expectedVersion}.
     */
    public StoredSchedule replaceConfiguration(UUID scheduleId, long expectedVersion, ZoneId zone, List<Layer> layers,
                                               List<Override> overrides, Optional<UUID> actor) {
        checkLayerCount(layers.size());
        return tx.write("schedule.import", db -> {
            ScheduleInfo info = bump(db, scheduleId, expectedVersion);
            checkParticipants(db, info.teamId(), layers, "layers");
            checkOverrideUsers(db, info.teamId(), overrides);
            db.sql("UPDATE schedules SET timezone = :tz WHERE id = :id").param("tz", zone.getId()).param("id", scheduleId)
                    .update();
            db.sql("DELETE FROM rotation_layers WHERE schedule_id = :id").param("id", scheduleId).update();
            db.sql("DELETE FROM overrides WHERE schedule_id = :id").param("id", scheduleId).update();
            for (int i = 0; i < layers.size(); i++) {
                insertLayer(db, scheduleId, i, layers.get(i));
            }
            insertOverrides(db, scheduleId, overrides, actor);
            return load(db, scheduleId, ScheduleLimits.EARLIEST, ScheduleLimits.LATEST).orElseThrow();
        });
    }

    private static void checkOverrideUsers(JdbcClient db, UUID teamId, List<Override> overrides) {
        Problems problems = new Problems();
        for (int i = 0; i < overrides.size(); i++) {
            UUID user = parseUuid(overrides.get(i).user());
            if (user == null || !isMember(db, teamId, user)) {
                problems.add("overrides[" + i + "].user", "is not a member of the schedule's team");
            }
        }
        problems.throwIfAny();
    }

    private static void insertOverrides(JdbcClient db, UUID scheduleId, List<Override> overrides, Optional<UUID> actor) {
        for (Override o : overrides) {
            db.sql("""
                            INSERT INTO overrides (schedule_id, user_id, starts_at, ends_at, created_by)
                            VALUES (:schedule, :user, :start, :end, :by)""")
                    .param("schedule", scheduleId).param("user", UUID.fromString(o.user()))
                    .param("start", Rows.param(o.start())).param("end", Rows.param(o.end()))
                    .param("by", actor.orElse(null), Types.OTHER).update();
        }
    }

    // ------------------------------------------------------------------ cover requests

    public StoredCoverage requestCoverage(UUID scheduleId, UUID requester, Instant start, Instant end, String reason) {
        Problems problems = new Problems();
        dev.oncall.core.validation.Fields.range(problems, start, end);
        if (start != null && end != null && java.time.Duration.between(start, end).compareTo(MAX_COVER_LENGTH) > 0) {
            problems.add("end", "a cover request may span at most " + MAX_COVER_LENGTH.toDays() + " days");
        }
        Text.optional(problems, "reason", reason, MAX_REASON);
        problems.throwIfAny();
        return tx.write("schedule.requestCoverage", db -> {
            ScheduleInfo info = bump(db, scheduleId, null);
            checkMember(db, info.teamId(), requester, "requester");
            int overlapping = db.sql("""
                            SELECT count(*) FROM coverage_requests WHERE schedule_id = :id AND requester = :user
                            AND status <> 'cancelled' AND starts_at < :end AND ends_at > :start""")
                    .param("id", scheduleId).param("user", requester).param("start", Rows.param(start))
                    .param("end", Rows.param(end)).query(Integer.class).single();
            if (overlapping > 0) {
                throw ValidationException.of("start", "overlaps another cover request of the same person");
            }
            checkOnCall(db, scheduleId, requester, start, end);
            UUID id = db.sql("""
                            INSERT INTO coverage_requests (schedule_id, requester, starts_at, ends_at, reason)
                            VALUES (:schedule, :user, :start, :end, :reason) RETURNING id""")
                    .param("schedule", scheduleId).param("user", requester).param("start", Rows.param(start))
                    .param("end", Rows.param(end)).param("reason", orEmpty(reason)).query(UUID.class).single();
            return new StoredCoverage(id, scheduleId, requester, start, end, orEmpty(reason), CoverageStatus.OPEN,
                    Optional.empty(), Optional.empty());
        });
    }

    /**
     * Claims an open cover request for {@code claimer}. Exactly one of several people claiming
     * at once wins: the claim is a conditional update on {@code status = 'open'}.
     */
    /**
     * A cover request only means something for time the requester holds through a rotation
     * layer (overrides are not covered, see ShiftCoverage): refuse one that would change nothing.
     * Checked inside the writing transaction, against the configuration it writes over.
     */
    private static void checkOnCall(JdbcClient db, UUID scheduleId, UUID requester, Instant start, Instant end) {
        Schedule schedule = load(db, scheduleId, start, end).orElseThrow().toSchedule();
        String who = requester.toString();
        boolean onCall = ScheduleEngine.explain(schedule, start, end).stream()
                .flatMap(piece -> piece.assignments().stream())
                .anyMatch(a -> a.user().equals(who) && !a.isOverride() && !a.isCoverage());
        if (!onCall) {
            throw ValidationException.of("start", "the requester is not on call through a rotation at any time between "
                    + start + " and " + end);
        }
    }

    public StoredCoverage claimCoverage(UUID coverageId, UUID claimer, Instant at) {
        return tx.write("schedule.claimCoverage", db -> {
            StoredCoverage c = coverage(db, coverageId).orElseThrow(() -> ValidationException.of("id", "no such cover request"));
            ScheduleInfo info = info(db, c.scheduleId());
            checkMember(db, info.teamId(), claimer, "claimer");
            if (claimer.equals(c.requester())) {
                throw ValidationException.of("claimer", "you cannot cover your own request");
            }
            int n = db.sql("""
                            UPDATE coverage_requests SET status = 'claimed', claimed_by = :claimer, claimed_at = :at
                            WHERE id = :id AND status = 'open'""")
                    .param("claimer", claimer).param("at", Rows.param(at)).param("id", coverageId).update();
            if (n == 0) {
                throw ValidationException.of("id", "this cover request is no longer open (it is " + c.status().code() + ")");
            }
            bump(db, c.scheduleId(), null);
            return coverage(db, coverageId).orElseThrow();
        });
    }

    public StoredCoverage cancelCoverage(UUID coverageId) {
        return tx.write("schedule.cancelCoverage", db -> {
            StoredCoverage c = coverage(db, coverageId).orElseThrow(() -> ValidationException.of("id", "no such cover request"));
            int n = db.sql("UPDATE coverage_requests SET status = 'cancelled' WHERE id = :id AND status = 'open'")
                    .param("id", coverageId).update();
            if (n == 0) {
                throw ValidationException.of("id", "only an open cover request can be cancelled (it is " + c.status().code() + ")");
            }
            bump(db, c.scheduleId(), null);
            return coverage(db, coverageId).orElseThrow();
        });
    }

    public Optional<StoredCoverage> findCoverage(UUID id) {
        return tx.read("schedule.findCoverage", db -> coverage(db, id));
    }

    public List<StoredCoverage> coverages(UUID scheduleId, Instant from, Instant to) {
        return tx.read("schedule.coverages", db -> db.sql("""
                        SELECT * FROM coverage_requests WHERE schedule_id = :id AND starts_at < :to AND ends_at > :from
                        ORDER BY starts_at, id""")
                .param("id", scheduleId).param("from", Rows.param(from)).param("to", Rows.param(to))
                .query(COVERAGE).list());
    }

    private static Optional<StoredCoverage> coverage(JdbcClient db, UUID id) {
        return db.sql("SELECT * FROM coverage_requests WHERE id = :id").param("id", id).query(COVERAGE).optional();
    }

    // ------------------------------------------------------------------ helpers

    private static ScheduleInfo info(JdbcClient db, UUID id) {
        return db.sql("SELECT * FROM schedules WHERE id = :id").param("id", id).query(INFO).optional()
                .orElseThrow(() -> ValidationException.of("scheduleId", "no such schedule"));
    }

    /**
     * Bumps the schedule's version; with an expected version, only if it still matches.
     * Returns the schedule as it was before the bump.
     */
    private static ScheduleInfo bump(JdbcClient db, UUID scheduleId, Long expectedVersion) {
        ScheduleInfo current = info(db, scheduleId);
        int n = db.sql("""
                        UPDATE schedules SET config_version = config_version + 1, updated_at = now()
                        WHERE id = :id AND (CAST(:version AS BIGINT) IS NULL OR config_version = CAST(:version AS BIGINT))""")
                .param("id", scheduleId).param("version", expectedVersion, Types.BIGINT).update();
        if (n == 0) {
            throw stale(current.version(), expectedVersion);
        }
        return current;
    }

    private static ValidationException stale(long current, long expected) {
        return ValidationException.of("version", "the schedule was changed by someone else (it is at version " + current
                + ", you read " + expected + "); reload and retry");
    }

    private static ZoneId checkInfo(Problems problems, String name, String description, String timezone) {
        Text.required(problems, "name", name, MAX_NAME);
        Text.optional(problems, "description", description, MAX_DESCRIPTION);
        return Zones.check(problems, "timezone", timezone);
    }

    private static void checkLayerCount(int n) {
        if (n > ScheduleLimits.MAX_LAYERS) {
            throw ValidationException.of("layers", "at most " + ScheduleLimits.MAX_LAYERS + " layers per schedule, got " + n);
        }
    }

    private static void checkParticipants(JdbcClient db, UUID teamId, List<Layer> layers, String field) {
        Set<UUID> members = new HashSet<>(db.sql("SELECT user_id FROM team_members WHERE team_id = :team")
                .param("team", teamId).query(UUID.class).list());
        Problems problems = new Problems();
        for (int l = 0; l < layers.size(); l++) {
            List<String> participants = layers.get(l).participants();
            String at = layers.size() == 1 && field.equals("layer") ? "layer" : field + "[" + l + "]";
            for (int p = 0; p < participants.size(); p++) {
                UUID id = parseUuid(participants.get(p));
                if (id == null || !members.contains(id)) {
                    problems.add(at + ".participants[" + p + "]", "\"" + participants.get(p)
                            + "\" is not a member of the schedule's team");
                }
            }
        }
        problems.throwIfAny();
    }

    private static void checkMember(JdbcClient db, UUID teamId, UUID userId, String field) {
        if (!isMember(db, teamId, userId)) {
            throw ValidationException.of(field, "is not a member of the schedule's team");
        }
    }

    private static boolean isMember(JdbcClient db, UUID teamId, UUID userId) {
        return db.sql("SELECT count(*) FROM team_members WHERE team_id = :team AND user_id = :user")
                .param("team", teamId).param("user", userId).query(Integer.class).single() > 0;
    }

    private static UUID parseUuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
