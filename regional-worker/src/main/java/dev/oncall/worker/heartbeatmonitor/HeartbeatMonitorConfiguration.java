package dev.oncall.worker.heartbeatmonitor;

import dev.oncall.store.heartbeat.HeartbeatMonitorRepository;
import dev.oncall.store.incident.IncidentCommands;
import dev.oncall.platform.periodic.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the heartbeat-monitor check and its alerts into the worker and runs it every check interval. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HeartbeatMonitorProperties.class)
public class HeartbeatMonitorConfiguration {

    @Bean
    public HeartbeatMonitorJob heartbeatMonitorJob(HeartbeatMonitorRepository monitors, IncidentCommands incidents,
                                                   Clock clock, HeartbeatMonitorProperties properties,
                                                   ObjectProvider<MeterRegistry> meters) {
        return new HeartbeatMonitorJob(monitors, incidents, clock, properties.batchSize(), properties.alertLease(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnProperty(prefix = "oncall.heartbeat-monitors", name = "enabled", matchIfMissing = true)
    public PeriodicTask heartbeatMonitorLoop(HeartbeatMonitorJob job, HeartbeatMonitorProperties properties) {
        return new PeriodicTask("heartbeat-monitors-", properties.checkInterval(), job::runOnce);
    }
}
