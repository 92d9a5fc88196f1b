package dev.oncall.store.incident;

import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.incident.Priority;
import dev.oncall.core.user.Urgency;
import dev.oncall.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** An {@code incidents} row as the core {@link Incident}. */
final class IncidentRows {
    private IncidentRows() {}

    static Incident map(ResultSet rs, int row) throws SQLException {
        return new Incident(Rows.uuid(rs, "id"), Rows.uuid(rs, "team_id"), Rows.uuid(rs, "service_id"),
                Rows.uuid(rs, "alert_id"), Optional.ofNullable(Rows.uuid(rs, "policy_id")), rs.getString("title"),
                IncidentStatus.parse(rs.getString("status")).orElseThrow(),
                Urgency.parse(rs.getString("urgency")).orElseThrow(), rs.getInt("current_step"),
                rs.getInt("loop_count"), rs.getInt("loop_base"), rs.getBoolean("exhausted"),
                rs.getString("home_region"), rs.getLong("event_seq"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"), Rows.optionalInstant(rs, "acknowledged_at"),
                Optional.ofNullable(Rows.uuid(rs, "acknowledged_by")), Rows.optionalInstant(rs, "resolved_at"),
                Optional.ofNullable(Rows.uuid(rs, "resolved_by")),
                Optional.ofNullable((Number) rs.getObject("priority")).flatMap(p -> Priority.ofLevel(p.intValue())));
    }
}
