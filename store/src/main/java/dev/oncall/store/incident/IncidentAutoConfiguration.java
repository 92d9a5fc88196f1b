package dev.oncall.store.incident;

import dev.oncall.platform.config.PlatformAutoConfiguration;
import dev.oncall.platform.PlatformProperties;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.platform.redis.RedisConnections;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The incident lifecycle for every app: commands, reads, escalation firing and timer reads. */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@EnableConfigurationProperties(IncidentProperties.class)
public class IncidentAutoConfiguration {

    @Bean
    public IncidentEventPublisher incidentEventPublisher(RedisConnections redis) {
        return new IncidentEventPublisher(redis);
    }

    @Bean
    public IncidentCommands incidentCommands(Transactions tx, Clock clock, PlatformProperties store, OnCallLookup onCall,
                                             IncidentEventPublisher publisher) {
        return new IncidentCommands(tx, clock, store.region(), onCall, publisher);
    }

    @Bean
    public IncidentReads incidentReads(Transactions tx, IncidentProperties properties) {
        return new IncidentReads(tx, properties.eventOverlap());
    }

    @Bean
    public EscalationFiring escalationFiring(Transactions tx, Clock clock, OnCallLookup onCall,
                                             IncidentEventPublisher publisher) {
        return new EscalationFiring(tx, clock, onCall, publisher);
    }

    @Bean
    public EscalationSweep escalationSweep(Transactions tx, Clock clock, OnCallLookup onCall,
                                           IncidentEventPublisher publisher) {
        return new EscalationSweep(tx, clock, onCall, publisher);
    }

    @Bean
    public EscalationTimers escalationTimers(Transactions tx) {
        return new EscalationTimers(tx);
    }
}
