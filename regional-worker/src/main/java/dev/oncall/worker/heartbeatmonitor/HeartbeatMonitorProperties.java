package dev.oncall.worker.heartbeatmonitor;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The overdue check of users' heartbeat monitors; docs/configuration.md lists the settings.
 *
 * @param enabled       run the check in this worker
 * @param checkInterval how often overdue pings are looked for (the alert is at most this late)
 * @param batchSize     monitors handled per statement
 * @param alertLease    how long a worker holds a monitor while sending its alert event
 */
@ConfigurationProperties("oncall.heartbeat-monitors")
public record HeartbeatMonitorProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("15s") Duration checkInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("1m") Duration alertLease) {}
