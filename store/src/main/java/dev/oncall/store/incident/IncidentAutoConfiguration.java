package dev.oncall.store.incident;

import dev.oncall.store.config.StoreAutoConfiguration;
import dev.oncall.store.config.StoreProperties;
import dev.oncall.store.db.Transactions;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.redis.RedisConnections;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The incident lifecycle for every app: commands, reads, escalation firing and timer reads. */
@AutoConfiguration(after = StoreAutoConfiguration.class)
@EnableConfigurationProperties(IncidentProperties.class)
public class IncidentAutoConfiguration {

    @Bean
    public IncidentEventPublisher incidentEventPublisher(RedisConnections redis) {
        return new IncidentEventPublisher(redis);
    }

    @Bean
    public IncidentCommands incidentCommands(Transactions tx, Clock clock, StoreProperties store, OnCallLookup onCall,
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
    public EscalationTimers escalationTimers(Transactions tx) {
        return new EscalationTimers(tx);
    }
}
