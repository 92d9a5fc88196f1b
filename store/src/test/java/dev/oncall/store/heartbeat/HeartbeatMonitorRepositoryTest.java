package dev.oncall.store.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.heartbeat.AlertState;
import dev.oncall.core.heartbeat.HeartbeatMonitor;
import dev.oncall.core.heartbeat.HeartbeatState;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(WithInfrastructure.class)
class HeartbeatMonitorRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

    private StoreFixture store;
    private HeartbeatMonitorRepository monitors;
    private UUID service;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
        monitors = new HeartbeatMonitorRepository(store.tx);
        User ann = store.users.create("ann", "Ann", "ann@example.com", "UTC");
        UUID team = store.teams.createWithAdmin("ops", "Ops", ann.id()).id();
        UUID policy = store.policies.create(team, "p", "", 0, List.of(new EscalationStep(Duration.ofMinutes(5),
                List.of(new StepTarget(TargetType.USER, ann.id()))))).id();
        service = store.services.create(team, "backups", "", policy, Urgency.HIGH, Optional.empty()).id();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void badSettingsAreRefusedFieldByFieldAndNothingIsWritten() {
        assertThatThrownBy(() -> monitors.create(service, "", Duration.ofSeconds(90), T0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder("name", "interval"));
        assertThatThrownBy(() -> monitors.create(UUID.randomUUID(), "nightly", Duration.ofMinutes(5), T0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("serviceId"));
        monitors.create(service, "nightly", Duration.ofMinutes(5), T0);
        assertThatThrownBy(() -> monitors.create(service, "nightly", Duration.ofMinutes(5), T0))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("name"));
        assertThat(store.count("heartbeat_monitors")).isEqualTo(1);
    }

    @Test
    void aNewMonitorWaitsForItsFirstPingAndAnUnknownSecretIsNobody() {
        HeartbeatMonitor m = monitors.create(service, "nightly", Duration.ofMinutes(10), T0);
        assertThat(m.secret()).hasSize(32);
        assertThat(m.state()).isEqualTo(HeartbeatState.INACTIVE);
        assertThat(monitors.claimOverdue(T0.plus(Duration.ofDays(3)), 10)).isEmpty();
        assertThat(monitors.ping("not-a-key", T0)).isEmpty();

        HeartbeatMonitor pinged = monitors.ping(m.secret(), T0.plusSeconds(30)).orElseThrow();
        assertThat(pinged.state()).isEqualTo(HeartbeatState.HEALTHY);
        assertThat(pinged.dueAt()).contains(T0.plusSeconds(30).plus(Duration.ofMinutes(10)));
    }

    @Test
    void aMissedBeatIsClaimedOnceQueuesTheAlertAndAPingQueuesItsResolve() {
        HeartbeatMonitor m = monitors.create(service, "nightly", Duration.ofMinutes(10), T0);
        monitors.ping(m.secret(), T0);
        assertThat(monitors.claimOverdue(T0.plus(Duration.ofMinutes(10)).minusSeconds(1), 10)).isEmpty();

        List<HeartbeatMonitor> late = monitors.claimOverdue(T0.plus(Duration.ofMinutes(10)), 10);
        assertThat(late).singleElement().satisfies(x -> {
            assertThat(x.state()).isEqualTo(HeartbeatState.OVERDUE);
            assertThat(x.alertState()).isEqualTo(AlertState.TRIGGER_PENDING);
            assertThat(x.overdueSince()).contains(T0.plus(Duration.ofMinutes(10)));
            assertThat(x.missedCount()).isEqualTo(1);
        });
        assertThat(monitors.claimOverdue(T0.plus(Duration.ofHours(5)), 10)).isEmpty();

        assertThat(monitors.claimPendingAlerts(T0, Duration.ofMinutes(1), 10)).singleElement()
                .satisfies(x -> assertThat(x.alertKey()).isEqualTo("heartbeat/" + m.id()));
        assertThat(monitors.claimPendingAlerts(T0, Duration.ofMinutes(1), 10)).isEmpty();
        assertThat(monitors.alertSent(m.id(), AlertState.TRIGGER_PENDING)).isTrue();

        HeartbeatMonitor recovered = monitors.ping(m.secret(), T0.plus(Duration.ofMinutes(20))).orElseThrow();
        assertThat(recovered.state()).isEqualTo(HeartbeatState.HEALTHY);
        assertThat(recovered.alertState()).isEqualTo(AlertState.RESOLVE_PENDING);
        assertThat(monitors.claimPendingAlerts(T0.plus(Duration.ofMinutes(20)), Duration.ofMinutes(1), 10)).hasSize(1);
        assertThat(monitors.alertSent(m.id(), AlertState.RESOLVE_PENDING)).isTrue();
        assertThat(monitors.find(m.id()).orElseThrow().alertState()).isEqualTo(AlertState.NONE);

        assertThat(monitors.claimOverdue(T0.plus(Duration.ofMinutes(31)), 10)).singleElement()
                .satisfies(x -> assertThat(x.missedCount()).isEqualTo(2));
    }

    @Test
    void aPingThatOvertakesTheTriggerTurnsItIntoAResolve() {
        HeartbeatMonitor m = monitors.create(service, "nightly", Duration.ofMinutes(1), T0);
        monitors.ping(m.secret(), T0);
        monitors.claimOverdue(T0.plusSeconds(61), 10);
        monitors.claimPendingAlerts(T0.plusSeconds(61), Duration.ofMinutes(1), 10);

        monitors.ping(m.secret(), T0.plusSeconds(62));

        assertThat(monitors.alertSent(m.id(), AlertState.TRIGGER_PENDING)).isFalse();
        assertThat(monitors.claimPendingAlerts(T0.plusSeconds(63), Duration.ofMinutes(1), 10)).singleElement()
                .satisfies(x -> assertThat(x.alertState()).isEqualTo(AlertState.RESOLVE_PENDING));
    }

    @Test
    void concurrentWorkersClaimEachMissedBeatExactlyOnce() throws Exception {
        List<HeartbeatMonitor> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HeartbeatMonitor m = monitors.create(service, "m" + i, Duration.ofMinutes(1), T0);
            monitors.ping(m.secret(), T0);
            all.add(m);
        }
        Instant late = T0.plus(Duration.ofMinutes(2));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<HeartbeatMonitor> claimed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(() -> {
                    List<HeartbeatMonitor> got;
                    while (!(got = monitors.claimOverdue(late, 3)).isEmpty()) {
                        claimed.addAll(got);
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(workers)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(claimed).extracting(HeartbeatMonitor::id)
                .containsExactlyInAnyOrderElementsOf(all.stream().map(HeartbeatMonitor::id).toList());
    }
}
