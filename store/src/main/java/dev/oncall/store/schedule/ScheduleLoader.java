package dev.oncall.store.schedule;

import static dev.oncall.store.schedule.ScheduleRows.INFO;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.user.UserRef;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads a schedule for evaluation: its settings and layers, and the overrides and cover
 * requests of a window, as one {@link StoredSchedule} the engine can take. The static forms run
 * inside a caller's transaction (materializing shifts, the on-call cache, the auditor).
 */
public final class ScheduleLoader {
    private final Transactions tx;

    public ScheduleLoader(Transactions tx) {
        this.tx = tx;
    }

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
                .query(Overrides.ROW).list();
        List<StoredCoverRequest> coverRequests = db.sql("""
                        SELECT * FROM coverage_requests WHERE schedule_id = :id AND starts_at < :to AND ends_at > :from
                        AND status <> 'cancelled' ORDER BY created_at, id""")
                .param("id", id).param("from", Rows.param(from)).param("to", Rows.param(to))
                .query(CoverRequests.ROW).list();
        return Optional.of(new StoredSchedule(info.get(), layers, overrides, coverRequests));
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
        Map<UUID, List<UserRef>> participants = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            db.sql("SELECT layer_id, user_id FROM layer_participants WHERE layer_id IN (:ids) ORDER BY layer_id, position")
                    .param("ids", rows.stream().map(Row::id).toList())
                    .query((rs, n) -> {
                        participants.computeIfAbsent(Rows.uuid(rs, "layer_id"), k -> new ArrayList<>())
                                .add(UserRef.of(Rows.uuid(rs, "user_id")));
                        return null;
                    }).list();
        }
        Map<UUID, List<StoredLayer>> out = new LinkedHashMap<>();
        for (Row r : rows) {
            Rotation rotation = "custom".equals(r.type()) ? Rotation.custom(r.period())
                    : Rotation.counted(Rotation.Type.valueOf(r.type().toUpperCase(Locale.ROOT)), r.count());
            Layer layer = new Layer(r.name(), r.start(), Optional.ofNullable(r.end()), rotation,
                    participants.getOrDefault(r.id(), List.of()), r.usersPerShift(), RestrictionJson.read(r.restrictions()));
            out.computeIfAbsent(r.schedule(), k -> new ArrayList<>()).add(new StoredLayer(r.id(), r.schedule(), layer));
        }
        return out;
    }
}
