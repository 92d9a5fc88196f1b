package dev.oncall.store.audit;

import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.CoverRequests;
import dev.oncall.store.schedule.Overrides;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.StoredCoverRequest;
import dev.oncall.store.schedule.StoredLayer;
import dev.oncall.store.schedule.StoredOverride;
import dev.oncall.store.schedule.StoredSchedule;
import dev.oncall.store.shift.MaterializationState;
import dev.oncall.store.shift.ShiftMaterializations;
import dev.oncall.store.shift.ShiftRepository;
import dev.oncall.store.shift.StoredShift;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads schedules a page at a time for the auditor: a handful of set-based queries per page,
 * all in one read transaction, so the configuration version, the layers and the shifts of a
 * schedule are one consistent picture (a change committed meanwhile is either wholly in it or
 * not at all).
 */
public final class ScheduleSnapshots {
    /** A page of snapshots and the id to continue after (empty on the last page). */
    public record Page(List<ScheduleSnapshot> snapshots, Optional<UUID> next) {}

    private final Transactions tx;

    public ScheduleSnapshots(Transactions tx) {
        this.tx = tx;
    }

    /** Up to {@code size} schedules with ids after {@code after}, evaluable in [from, to). */
    public Page page(Optional<UUID> after, int size, Instant from, Instant to) {
        return tx.read("audit.snapshots", db -> {
            List<ScheduleInfo> infos = db.sql("""
                            SELECT id, team_id, name, description, timezone, config_version FROM schedules
                            WHERE (CAST(:after AS UUID) IS NULL OR id > CAST(:after AS UUID)) ORDER BY id LIMIT :size""")
                    .param("after", after.orElse(null), java.sql.Types.OTHER).param("size", size)
                    .query((rs, n) -> new ScheduleInfo(Rows.uuid(rs, "id"), Rows.uuid(rs, "team_id"), rs.getString("name"),
                            rs.getString("description"), ZoneId.of(rs.getString("timezone")), rs.getLong("config_version")))
                    .list();
            List<UUID> ids = infos.stream().map(ScheduleInfo::id).toList();
            if (ids.isEmpty()) {
                return new Page(List.of(), Optional.empty());
            }
            Map<UUID, List<StoredLayer>> layers = ScheduleLoader.layers(db, ids);
            Map<UUID, List<StoredOverride>> overrides = overrides(db, ids, from, to);
            Map<UUID, List<StoredCoverRequest>> coverRequests = coverRequests(db, ids, from, to);
            Map<UUID, List<StoredShift>> shifts = ShiftRepository.between(db, ids, from, to);
            Map<UUID, MaterializationState> states = ShiftMaterializations.states(db, ids);
            List<ScheduleSnapshot> out = new ArrayList<>(infos.size());
            for (ScheduleInfo info : infos) {
                UUID id = info.id();
                out.add(new ScheduleSnapshot(new StoredSchedule(info, layers.getOrDefault(id, List.of()),
                        overrides.getOrDefault(id, List.of()), coverRequests.getOrDefault(id, List.of())),
                        shifts.getOrDefault(id, List.of()), Optional.ofNullable(states.get(id))));
            }
            return new Page(out, infos.size() < size ? Optional.empty() : Optional.of(ids.get(ids.size() - 1)));
        });
    }

    private static Map<UUID, List<StoredOverride>> overrides(JdbcClient db, List<UUID> ids, Instant from, Instant to) {
        Map<UUID, List<StoredOverride>> out = new HashMap<>();
        db.sql("""
                        SELECT * FROM overrides WHERE schedule_id IN (:ids) AND starts_at < :to AND ends_at > :from
                        ORDER BY created_at, id""")
                .param("ids", ids).param("from", Rows.param(from)).param("to", Rows.param(to))
                .query(Overrides.ROW)
                .list().forEach(o -> out.computeIfAbsent(o.scheduleId(), k -> new ArrayList<>()).add(o));
        return out;
    }

    private static Map<UUID, List<StoredCoverRequest>> coverRequests(JdbcClient db, List<UUID> ids, Instant from, Instant to) {
        Map<UUID, List<StoredCoverRequest>> out = new HashMap<>();
        db.sql("""
                        SELECT * FROM coverage_requests WHERE schedule_id IN (:ids) AND starts_at < :to AND ends_at > :from
                        AND status <> 'cancelled' ORDER BY created_at, id""")
                .param("ids", ids).param("from", Rows.param(from)).param("to", Rows.param(to))
                .query(CoverRequests.ROW)
                .list().forEach(c -> out.computeIfAbsent(c.scheduleId(), k -> new ArrayList<>()).add(c));
        return out;
    }
}
