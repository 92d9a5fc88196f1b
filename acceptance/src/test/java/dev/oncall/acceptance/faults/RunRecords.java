package dev.oncall.acceptance.faults;

import dev.oncall.acceptance.system.FakeTwilio;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads a fault run's rows of one service from the database, over plain JDBC. */
final class RunRecords {
    private RunRecords() {}

    static RunRecord read(String jdbcUrl, String user, String password, UUID serviceId, Instant runStart,
                          Duration bound, Duration claimTtl, List<KeyLedger> ledger, List<FakeTwilio.Sent> sends,
                          List<Fault> faults) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            Instant now;
            try (PreparedStatement s = c.prepareStatement("SELECT now()"); ResultSet rs = s.executeQuery()) {
                rs.next();
                now = rs.getTimestamp(1).toInstant();
            }
            List<RunRecord.Alert> alerts = new ArrayList<>();
            query(c, "SELECT dedup_key, event_count, incident_id FROM alerts WHERE service_id = ?", serviceId,
                    rs -> alerts.add(new RunRecord.Alert(rs.getString(1), rs.getInt(2), rs.getObject(3, UUID.class))));
            List<RunRecord.Incident> incidents = new ArrayList<>();
            query(c, """
                    SELECT i.id, i.status, p.repeat_count,
                           array(SELECT s.escalate_after_seconds FROM escalation_steps s
                                 WHERE s.policy_id = i.policy_id ORDER BY s.step_order)
                    FROM incidents i LEFT JOIN escalation_policies p ON p.id = i.policy_id
                    WHERE i.service_id = ?""", serviceId, rs -> {
                Integer[] waits = (Integer[]) rs.getArray(4).getArray();
                incidents.add(new RunRecord.Incident(rs.getObject(1, UUID.class), rs.getString(2),
                        Arrays.stream(waits).map(Duration::ofSeconds).toList(), rs.getInt(3)));
            });
            List<RunRecord.Event> events = new ArrayList<>();
            query(c, """
                    SELECT e.incident_id, e.seq, e.kind, e.created_at,
                           coalesce((e.data->>'step')::int, -1), coalesce((e.data->>'loop')::int, -1),
                           coalesce(e.data->>'resolvedFrom', '') = 'snapshot'
                    FROM incident_events e JOIN incidents i ON i.id = e.incident_id WHERE i.service_id = ?""", serviceId,
                    rs -> events.add(new RunRecord.Event(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getInt(5), rs.getInt(6), rs.getBoolean(7))));
            List<RunRecord.Attempt> attempts = new ArrayList<>();
            query(c, """
                    SELECT a.id, a.incident_id, a.channel, a.state, a.provider_message_id
                    FROM notification_attempts a JOIN incidents i ON i.id = a.incident_id WHERE i.service_id = ?""",
                    serviceId, rs -> attempts.add(new RunRecord.Attempt(rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5))));
            return new RunRecord(now, runStart, bound, claimTtl, ledger, alerts, incidents, events, attempts, sends, faults);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the fault run's rows", e);
        }
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, UUID serviceId, Row row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, serviceId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }
}
