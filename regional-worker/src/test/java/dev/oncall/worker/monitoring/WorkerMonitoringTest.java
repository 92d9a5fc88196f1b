package dev.oncall.worker.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.heartbeat.AlertState;
import dev.oncall.core.heartbeat.HeartbeatMonitor;
import dev.oncall.core.heartbeat.HeartbeatState;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.shift.ShiftMaterializer;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.platform.periodic.PeriodicTask;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.heartbeat.HeartbeatMonitorRepository;
import dev.oncall.store.oncall.CachedOnCallLookup;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.schedule.Layers;
import dev.oncall.store.schedule.Overrides;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.shift.ShiftRepository;
import dev.oncall.store.shift.StoredShift;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.testing.MutableClock;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.user.UserRepository;
import dev.oncall.worker.heartbeatmonitor.HeartbeatMonitorJob;
import dev.oncall.worker.shift.ShiftMaterializationJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The worker's self-monitoring jobs as wired in the app, driven by hand with a test clock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"oncall.shifts.enabled=false", "oncall.heartbeat-monitors.enabled=false", "oncall.escalation.enabled=false",
                "oncall.shifts.horizon=30d"})
class WorkerMonitoringTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    @TestConfiguration
    static class TestClock {
        @Bean
        MutableClock clock() {
            return new MutableClock(T0);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    MutableClock clock;
    @Autowired
    ShiftMaterializationJob shiftJob;
    @Autowired
    HeartbeatMonitorJob heartbeatJob;
    @Autowired
    Schedules schedules;
    @Autowired
    ScheduleLoader scheduleLoader;
    @Autowired
    Layers layers;
    @Autowired
    Overrides overrides;
    @Autowired
    ShiftRepository shifts;
    @Autowired
    HeartbeatMonitorRepository monitors;
    @Autowired
    UserRepository users;
    @Autowired
    TeamRepository teams;
    @Autowired
    PolicyRepository policies;
    @Autowired
    ServiceRepository services;
    @Autowired
    OnCallLookup onCall;
    @Autowired
    JdbcClient jdbc;

    private User ann;
    private UUID team;

    @BeforeEach
    void setUp() {
        clock.set(T0);
        ann = users.create("ann-" + UUID.randomUUID(), "Ann", UUID.randomUUID() + "@example.com", "UTC");
        team = teams.createWithAdmin("ops-" + UUID.randomUUID(), "", ann.id()).id();
    }

    @Test
    void theCachedLookupIsTheWorkersOnCallLookupAndNoLoopRunsWhenDisabled() {
        assertThat(onCall).isInstanceOf(CachedOnCallLookup.class);
        assertThat(context.getBeansOfType(PeriodicTask.class)).isEmpty();
        assertThat(context.getBeanNamesForType(Clock.class)).hasSize(1);
    }

    @Test
    void aChangeIsMaterializedByTheNextPass() {
        ScheduleInfo s = schedules.create(team, "primary", "", "Europe/Paris");
        layers.replaceAll(s.id(), s.version(), List.of(Layer.of("l", LocalDateTime.parse("2026-05-01T09:00"),
                Rotation.daily(1), List.of(UserRef.of(ann.id())))));
        shiftJob.drain();
        assertThat(shifts.between(s.id(), T0, T0.plus(Duration.ofDays(30)))).isNotEmpty();

        clock.advance(Duration.ofHours(2));
        overrides.create(s.id(), ann.id(), clock.instant().plusSeconds(600), clock.instant().plusSeconds(1200),
                Optional.empty());
        assertThat(shiftJob.drain()).isEqualTo(1);

        Instant now = clock.instant();
        var expected = ShiftMaterializer.materialize(scheduleLoader.load(s.id(), now, now.plus(Duration.ofDays(30))).orElseThrow()
                .toSchedule(), now, now.plus(Duration.ofDays(30)));
        assertThat(shifts.between(s.id(), now, now.plus(Duration.ofDays(30))).stream().map(StoredShift::shift)
                .filter(x -> x.start().isAfter(now))).containsExactlyElementsOf(expected.stream()
                .filter(x -> x.start().isAfter(now)).toList());
        assertThat(shiftJob.drain()).isZero();
    }

    @Test
    void aLatePingIsFoundOnceByTheCheck() {
        UUID policy = policies.create(team, "p", "", 0, List.of(new EscalationStep(Duration.ofMinutes(5),
                List.of(new StepTarget(TargetType.USER, ann.id()))))).id();
        UUID service = services.create(team, "backups", "", policy, Urgency.HIGH, Optional.empty()).id();
        HeartbeatMonitor m = monitors.create(service, "nightly", Duration.ofMinutes(5), clock.instant());
        monitors.ping(m.secret(), clock.instant());

        clock.advance(Duration.ofMinutes(4));
        assertThat(heartbeatJob.runOnce()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(heartbeatJob.runOnce()).isEqualTo(1);
        assertThat(heartbeatJob.runOnce()).isZero();
        assertThat(monitors.find(m.id()).orElseThrow().state()).isEqualTo(HeartbeatState.OVERDUE);
    }

    @Test
    void aMissedBeatOpensOneIncidentOnTheServiceAndAResumedPingResolvesIt() {
        UUID policy = policies.create(team, "p", "", 0, List.of(new EscalationStep(Duration.ofMinutes(5),
                List.of(new StepTarget(TargetType.USER, ann.id()))))).id();
        UUID service = services.create(team, "backups", "", policy, Urgency.HIGH, Optional.empty()).id();
        HeartbeatMonitor m = monitors.create(service, "nightly", Duration.ofMinutes(5), clock.instant());
        monitors.ping(m.secret(), clock.instant());

        clock.advance(Duration.ofMinutes(6));
        heartbeatJob.runOnce();
        heartbeatJob.runOnce();

        assertThat(jdbc.sql("SELECT status FROM incidents WHERE service_id = :s").param("s", service)
                .query(String.class).list()).containsExactly("triggered");
        assertThat(jdbc.sql("SELECT dedup_key || ' ' || summary FROM alerts WHERE service_id = :s").param("s", service)
                .query(String.class).single()).isEqualTo("heartbeat/" + m.id()
                + " Heartbeat \"nightly\" missed: no ping for 5 min (due at " + T0.plus(Duration.ofMinutes(5)) + ")");
        assertThat(monitors.find(m.id()).orElseThrow().alertState()).isEqualTo(AlertState.TRIGGERED);

        clock.advance(Duration.ofMinutes(1));
        monitors.ping(m.secret(), clock.instant());
        heartbeatJob.runOnce();

        assertThat(jdbc.sql("SELECT status FROM incidents WHERE service_id = :s").param("s", service)
                .query(String.class).list()).containsExactly("resolved");
        assertThat(monitors.find(m.id()).orElseThrow().alertState()).isEqualTo(AlertState.NONE);
        assertThat(jdbc.sql("SELECT count(*) FROM incident_events e JOIN incidents i ON i.id = e.incident_id "
                        + "WHERE i.service_id = :s AND e.actor_id = 'heartbeat-monitor'").param("s", service)
                .query(Integer.class).single()).isGreaterThanOrEqualTo(2);
    }
}
