package dev.oncall.store.incident;

import dev.oncall.core.incident.Channel;
import dev.oncall.store.oncall.DirectOnCallLookup;
import dev.oncall.store.snapshot.ConfigurationSnapshots;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.testing.IncidentScenario;
import dev.oncall.store.testing.MutableClock;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A fresh database, a driven clock and the incident API over them. */
@ExtendWith(WithInfrastructure.class)
abstract class IncidentTestBase {
    static final String REGION = "eu";
    static final Duration CONFIG_READ_TIMEOUT = Duration.ofSeconds(1);
    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    StoreFixture store;
    RedisConnections redis;
    IncidentCommands commands;
    IncidentReads reads;
    EscalationFiring firing;
    ConfigurationSnapshots snapshots;
    SimpleMeterRegistry meters;
    EscalationTimers timers;
    IncidentScenario scenario;

    @BeforeEach
    void setUp() {
        TestInfrastructure infra = TestInfrastructure.get();
        store = new StoreFixture(infra);
        redis = new RedisConnections(TestInfrastructure.storeProperties(REGION, infra.redisUrl()).redis());
        IncidentEventPublisher publisher = new IncidentEventPublisher(redis);
        DirectOnCallLookup onCall = new DirectOnCallLookup(store.scheduleLoader);
        commands = new IncidentCommands(store.tx, clock, REGION, onCall, publisher);
        reads = new IncidentReads(store.tx, Duration.ofSeconds(10));
        meters = new SimpleMeterRegistry();
        snapshots = new ConfigurationSnapshots(store.tx, clock, Duration.ofHours(6), 500_000, meters);
        firing = new EscalationFiring(store.tx, clock,
                new PageResolver(store.tx, onCall, snapshots, CONFIG_READ_TIMEOUT, meters), publisher);
        timers = new EscalationTimers(store.tx);
        scenario = scenario(0, Optional.empty());
    }

    IncidentScenario scenario(int repeat, Optional<Duration> ackTimeout) {
        return new IncidentScenario(IncidentScenario.Repositories.of(store), repeat, Duration.ofMinutes(5), ackTimeout);
    }

    @AfterEach
    void tearDown() {
        redis.close();
        store.close();
    }

    TriggerResult trigger(UUID service, String key) {
        return commands.trigger(service, AlertEvent.trigger(key, "disk full on db-1", "db-1", "critical",
                "{\"host\":\"db-1\"}"), Actor.integration("test"), Channel.EVENTS_V2);
    }

    /** Fires every timer due now, as a worker would; returns how many fired a page. */
    int fireDue() {
        int fired = 0;
        for (DueTimer t : timers.dueBy(REGION, clock.instant(), 10_000)) {
            EscalationFiring.Outcome o = firing.fire(t, REGION);
            if (o != EscalationFiring.Outcome.STALE && o != EscalationFiring.Outcome.CLAIMED_ELSEWHERE) {
                fired++;
            }
        }
        return fired;
    }

    List<String> kinds(UUID incident) {
        return reads.events(incident, 0, 1000).stream().map(IncidentEvent::code).toList();
    }

    int count(String sql, Object... params) {
        return store.jdbc.sql(sql).params(List.of(params)).query(Integer.class).single();
    }
}
