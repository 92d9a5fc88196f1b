package dev.oncall.store.incident;

import dev.oncall.core.escalation.TimerKind;
import dev.oncall.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A pending escalation timer: page step {@code step} of loop {@code loop} ({@link TimerKind#STEP}), or
 * re-trigger the incident if it is still acknowledged ({@link TimerKind#ACK_TIMEOUT}), at {@code dueAt}.
 */
public record DueTimer(UUID id, UUID incidentId, TimerKind kind, int step, int loop, Instant dueAt, String region) {

    public DueTimer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(region, "region");
    }

    static DueTimer map(ResultSet rs, int row) throws SQLException {
        return new DueTimer(Rows.uuid(rs, "id"), Rows.uuid(rs, "incident_id"), TimerKind.of(rs.getString("kind")),
                rs.getInt("step"), rs.getInt("loop_count"), Rows.instant(rs, "due_at"), rs.getString("region"));
    }
}
