package dev.oncall.store.incident;

import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An alert as stored: one problem reported by a monitoring tool, counted each time it is sent again. */
public record AlertView(UUID id, UUID serviceId, String dedupKey, IncidentStatus status, String summary,
                        String source, String severity, String payloadJson, int eventCount,
                        Optional<UUID> incidentId, String homeRegion, Instant firstSeenAt, Instant lastSeenAt,
                        Optional<Instant> resolvedAt) {

    static AlertView map(ResultSet rs, int row) throws SQLException {
        return new AlertView(Rows.uuid(rs, "id"), Rows.uuid(rs, "service_id"), rs.getString("dedup_key"),
                IncidentStatus.parse(rs.getString("status")).orElseThrow(), rs.getString("summary"),
                rs.getString("source"), rs.getString("severity"), rs.getString("payload"), rs.getInt("event_count"),
                Optional.ofNullable(Rows.uuid(rs, "incident_id")), rs.getString("home_region"),
                Rows.instant(rs, "first_seen_at"), Rows.instant(rs, "last_seen_at"),
                Rows.optionalInstant(rs, "resolved_at"));
    }
}
