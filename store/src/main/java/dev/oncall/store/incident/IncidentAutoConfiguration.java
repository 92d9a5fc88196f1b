package dev.oncall.store.incident;

import dev.oncall.platform.config.PlatformAutoConfiguration;
import dev.oncall.platform.PlatformProperties;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.snapshot.ConfigurationSnapshots;
import dev.oncall.store.snapshot.SnapshotProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import dev.oncall.platform.redis.RedisConnections;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The incident lifecycle for every app: commands, reads, escalation firing and timer reads. */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@EnableConfigurationProperties({IncidentProperties.class, SnapshotProperties.class})
public class IncidentAutoConfiguration {

    @Bean
    public IncidentEventPublisher incidentEventPublisher(RedisConnections redis) {
        return new IncidentEventPublisher(redis);
    }

    @Bean
    public IncidentCommands incidentCommands(Transactions tx, Clock clock, PlatformProperties store, OnCallLookup onCall,
                                             IncidentEventPublisher publisher, ObjectProvider<MeterRegistry> meters,
                                             IncidentProperties properties) {
        return new IncidentCommands(tx, clock, store.region(), onCall, publisher,
                meters.getIfAvailable(SimpleMeterRegistry::new), properties.ingestDeadline());
    }

    @Bean
    public IncidentReads incidentReads(Transactions tx, IncidentProperties properties) {
        return new IncidentReads(tx, properties.eventOverlap());
    }

    /** Empty until something refreshes it: the regional worker does, on a timer of its own. */
    @Bean
    public ConfigurationSnapshots configurationSnapshots(Transactions tx, Clock clock, SnapshotProperties snapshot,
                                                         ObjectProvider<MeterRegistry> meters) {
        return new ConfigurationSnapshots(tx, clock, snapshot.horizon(), snapshot.maxRows(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public PageResolver pageResolver(Transactions tx, OnCallLookup onCall, ConfigurationSnapshots snapshots,
                                     SnapshotProperties snapshot, ObjectProvider<MeterRegistry> meters) {
        return new PageResolver(tx, onCall, snapshots, snapshot.readTimeout(), meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    public EscalationFiring escalationFiring(Transactions tx, Clock clock, PageResolver resolver,
                                             IncidentEventPublisher publisher) {
        return new EscalationFiring(tx, clock, resolver, publisher);
    }

    @Bean
    public EscalationSweep escalationSweep(Transactions tx, Clock clock, PageResolver resolver,
                                           IncidentEventPublisher publisher) {
        return new EscalationSweep(tx, clock, resolver, publisher);
    }

    @Bean
    public EscalationTimers escalationTimers(Transactions tx) {
        return new EscalationTimers(tx);
    }
}
