package dev.oncall.local;

import dev.oncall.core.service.IntegrationType;
import dev.oncall.store.demo.DemoNames;
import dev.oncall.platform.embedded.EmbeddedInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The Events API keys of the demo team's services, read once graph-api has seeded them: the
 * demo service's for the printed curl, the self-monitoring service's for the auditor.
 *
 * @param demo           routing key of {@link DemoNames#SERVICE}
 * @param selfMonitoring routing key of {@link DemoNames#SELF_MONITORING_SERVICE}
 */
record DemoKeys(Optional<String> demo, Optional<String> selfMonitoring) {

    static DemoKeys read(EmbeddedInfrastructure infra) {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password())) {
            return new DemoKeys(eventsKey(c, DemoNames.SERVICE), eventsKey(c, DemoNames.SELF_MONITORING_SERVICE));
        } catch (SQLException e) {
            // The run still works without them: the banner and the auditor say what is missing.
            System.err.println("could not read the demo team's integration keys: " + e.getMessage());
            return new DemoKeys(Optional.empty(), Optional.empty());
        }
    }

    private static Optional<String> eventsKey(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT k.secret FROM integration_keys k JOIN services s ON s.id = k.service_id
                JOIN teams t ON t.id = s.team_id
                WHERE t.name = ? AND s.name = ? AND k.type = ? ORDER BY k.created_at LIMIT 1""")) {
            s.setString(1, DemoNames.TEAM);
            s.setString(2, service);
            s.setString(3, IntegrationType.EVENTS_V2.code());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
