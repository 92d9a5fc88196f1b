package dev.oncall.store.heartbeat;

import dev.oncall.store.audit.AuditRuns;
import dev.oncall.platform.config.PlatformAutoConfiguration;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.shift.ShiftRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The store side of self-monitoring for every app: heartbeat monitors (pinged through
 * graph-api, checked by the workers), materialized shifts (read by the API), and the audit
 * runs the auditor records (exported by graph-api).
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
public class MonitoringStoreAutoConfiguration {

    @Bean
    public HeartbeatMonitorRepository heartbeatMonitorRepository(Transactions tx) {
        return new HeartbeatMonitorRepository(tx);
    }

    @Bean
    public ShiftRepository shiftRepository(Transactions tx) {
        return new ShiftRepository(tx);
    }

    @Bean
    public AuditRuns auditRuns(Transactions tx) {
        return new AuditRuns(tx);
    }
}
