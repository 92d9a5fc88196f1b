package dev.oncall.store.incident;

import dev.oncall.core.incident.EscalationState;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.user.Urgency;
import dev.oncall.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An incident as stored. {@code currentStep}/{@code loopCount} name the armed step: the next to
 * page if nobody acknowledges ({@link IncidentDetail#lastPagedStep()} is the one paged most recently).
 */
public record Incident(UUID id, UUID teamId, UUID serviceId, UUID alertId, Optional<UUID> policyId, String title,
                       IncidentStatus status, Urgency urgency, int currentStep, int loopCount, int loopBase,
                       boolean exhausted, String homeRegion, long eventSeq, Instant createdAt, Instant updatedAt,
                       Optional<Instant> acknowledgedAt, Optional<UUID> acknowledgedBy,
                       Optional<Instant> resolvedAt, Optional<UUID> resolvedBy) {
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    public EscalationState escalationState() {
        return new EscalationState(status, currentStep, loopCount, loopBase, exhausted);
    }

    static Incident map(ResultSet rs, int row) throws SQLException {
        return new Incident(Rows.uuid(rs, "id"), Rows.uuid(rs, "team_id"), Rows.uuid(rs, "service_id"),
                Rows.uuid(rs, "alert_id"), Optional.ofNullable(Rows.uuid(rs, "policy_id")), rs.getString("title"),
                IncidentStatus.parse(rs.getString("status")).orElseThrow(),
                Urgency.parse(rs.getString("urgency")).orElseThrow(), rs.getInt("current_step"),
                rs.getInt("loop_count"), rs.getInt("loop_base"), rs.getBoolean("exhausted"),
                rs.getString("home_region"), rs.getLong("event_seq"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"), Rows.optionalInstant(rs, "acknowledged_at"),
                Optional.ofNullable(Rows.uuid(rs, "acknowledged_by")), Rows.optionalInstant(rs, "resolved_at"),
                Optional.ofNullable(Rows.uuid(rs, "resolved_by")));
    }
}
