package dev.oncall.store.shift;

import dev.oncall.core.shift.Shift;
import dev.oncall.core.shift.ShiftSource;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.Codes;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Materialized shifts. Everything that ended before the materialization instant is history and
 * is never touched; from that instant on, the shifts are replaced by freshly computed ones in
 * one transaction (a shift running at that instant is cut there, or carried on when the fresh
 * computation continues it unchanged).
 */
public final class ShiftRepository {
    /** Rows per INSERT statement: set-based, and well inside PostgreSQL's parameter limit. */
    static final int INSERT_CHUNK = 500;

    static final RowMapper<StoredShift> SHIFT = (rs, n) -> {
        ShiftSource source = Codes.parse(ShiftSource.class, rs.getString("source")).orElseThrow();
        Optional<String> layer = Optional.ofNullable(rs.getString("layer_name"));
        Optional<String> request = Optional.ofNullable(Rows.uuid(rs, "coverage_request_id")).map(UUID::toString);
        Shift shift = new Shift(Rows.instant(rs, "starts_at"), Rows.instant(rs, "ends_at"),
                UserRef.of(Rows.uuid(rs, "user_id")), source, rs.getInt("position"), layer,
                source == ShiftSource.COVERAGE ? request : Optional.empty(),
                source == ShiftSource.COVERAGE ? Optional.empty() : request);
        return new StoredShift(Rows.uuid(rs, "id"), Rows.uuid(rs, "schedule_id"), shift, rs.getLong("config_version"));
    };

    private final Transactions tx;

    public ShiftRepository(Transactions tx) {
        this.tx = tx;
    }

    /** The schedule's shifts overlapping [from, to), by start, then position, then user. */
    public List<StoredShift> between(UUID scheduleId, Instant from, Instant to) {
        return tx.read("shift.between", db -> between(db, List.of(scheduleId), from, to)
                .getOrDefault(scheduleId, List.of()));
    }

    /** Shifts of several schedules overlapping [from, to), grouped by schedule. */
    public static Map<UUID, List<StoredShift>> between(JdbcClient db, List<UUID> scheduleIds, Instant from, Instant to) {
        Map<UUID, List<StoredShift>> out = new LinkedHashMap<>();
        if (scheduleIds.isEmpty()) {
            return out;
        }
        db.sql("""
                        SELECT * FROM shifts WHERE schedule_id IN (:ids) AND starts_at < :to AND ends_at > :from
                        ORDER BY schedule_id, starts_at, position, user_id""")
                .param("ids", scheduleIds).param("from", Rows.param(from)).param("to", Rows.param(to))
                .query(SHIFT).list()
                .forEach(s -> out.computeIfAbsent(s.scheduleId(), k -> new ArrayList<>()).add(s));
        return out;
    }

    /**
     * Replaces the schedule's shifts from {@code now} on with {@code fresh} (computed from
     * configuration {@code version} for a window starting at {@code now}), inside the caller's
     * transaction. Shifts that ended by {@code now} are left exactly as they are.
     */
    public static void replaceFrom(JdbcClient db, UUID scheduleId, Instant now, long version, List<Shift> fresh) {
        List<Shift> toInsert = new ArrayList<>(fresh);
        List<StoredShift> running = db.sql("SELECT * FROM shifts WHERE schedule_id = :id AND starts_at < :now AND ends_at > :now")
                .param("id", scheduleId).param("now", Rows.param(now)).query(SHIFT).list();
        db.sql("DELETE FROM shifts WHERE schedule_id = :id AND starts_at >= :now")
                .param("id", scheduleId).param("now", Rows.param(now)).update();
        for (StoredShift current : running) {
            // A shift that simply continues keeps its row (one row per turn, not one per run);
            // otherwise its past part stays as history and the fresh shifts take over at now.
            Shift continuation = takeContinuation(toInsert, current.shift(), now);
            Instant end = continuation == null ? now : continuation.end();
            long rowVersion = continuation == null ? current.configVersion() : version;
            db.sql("UPDATE shifts SET ends_at = :end, config_version = :version WHERE id = :id")
                    .param("end", Rows.param(end)).param("version", rowVersion).param("id", current.id()).update();
        }
        insert(db, scheduleId, version, toInsert);
    }

    private static Shift takeContinuation(List<Shift> fresh, Shift running, Instant now) {
        for (Iterator<Shift> it = fresh.iterator(); it.hasNext(); ) {
            Shift f = it.next();
            if (f.start().isAfter(now)) {
                return null;
            }
            if (f.start().equals(now) && sameTurn(f, running)) {
                it.remove();
                return f;
            }
        }
        return null;
    }

    private static boolean sameTurn(Shift a, Shift b) {
        return a.user().equals(b.user()) && a.source() == b.source() && a.position() == b.position()
                && a.layer().equals(b.layer()) && requestOf(a).equals(requestOf(b));
    }

    private static Optional<String> requestOf(Shift s) {
        return s.claimedRequest().or(s::openRequest);
    }

    private static void insert(JdbcClient db, UUID scheduleId, long version, List<Shift> shifts) {
        for (int from = 0; from < shifts.size(); from += INSERT_CHUNK) {
            List<Shift> chunk = shifts.subList(from, Math.min(shifts.size(), from + INSERT_CHUNK));
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO shifts (schedule_id, user_id, starts_at, ends_at, source, coverage_request_id,
                                        config_version, position, layer_name) VALUES\s""");
            List<Object> params = new ArrayList<>(chunk.size() * 9);
            for (int i = 0; i < chunk.size(); i++) {
                Shift s = chunk.get(i);
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
                params.add(scheduleId);
                params.add(s.user().requireUuid());
                params.add(Rows.param(s.start()));
                params.add(Rows.param(s.end()));
                params.add(Codes.of(s.source()));
                params.add(new SqlParameterValue(Types.OTHER, requestOf(s).map(UUID::fromString).orElse(null)));
                params.add(version);
                params.add(s.position());
                params.add(new SqlParameterValue(Types.VARCHAR, s.layer().orElse(null)));
            }
            db.sql(sql.toString()).params(params).update();
        }
    }
}
