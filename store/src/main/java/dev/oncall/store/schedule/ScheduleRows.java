package dev.oncall.store.schedule;

import dev.oncall.store.version.ConfigurationVersion;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Rows;
import java.sql.Types;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code schedules} row, shared by everything that changes a schedule. Every change to a
 * schedule, its layers, overrides or cover requests bumps its {@code config_version} in the same
 * transaction, which is what invalidates cached on-call answers and materialized shifts. Writes
 * that replace configuration carry the version they read and are refused when it moved on.
 */
final class ScheduleRows {
    static final RowMapper<ScheduleInfo> INFO = (rs, n) -> new ScheduleInfo(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "team_id"), rs.getString("name"), rs.getString("description"),
            ZoneId.of(rs.getString("timezone")), rs.getLong("config_version"));

    private ScheduleRows() {
    }

    static ScheduleInfo info(JdbcClient db, UUID id) {
        return db.sql("SELECT * FROM schedules WHERE id = :id").param("id", id).query(INFO).optional()
                .orElseThrow(() -> ValidationException.of("scheduleId", "no such schedule"));
    }

    /**
     * Bumps the schedule's version; with an expected version, only if it still matches.
     * Returns the schedule as it was before the bump.
     */
    static ScheduleInfo bump(JdbcClient db, UUID scheduleId, Long expectedVersion) {
        ScheduleInfo current = info(db, scheduleId);
        ConfigurationVersion.bump(db);
        int n = db.sql("""
                        UPDATE schedules SET config_version = config_version + 1, updated_at = now()
                        WHERE id = :id AND (CAST(:version AS BIGINT) IS NULL OR config_version = CAST(:version AS BIGINT))""")
                .param("id", scheduleId).param("version", expectedVersion, Types.BIGINT).update();
        if (n == 0) {
            throw stale(current.version(), expectedVersion);
        }
        return current;
    }

    static ValidationException stale(long current, long expected) {
        return ValidationException.of("version", "the schedule was changed by someone else (it is at version " + current
                + ", you read " + expected + "); reload and retry");
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
