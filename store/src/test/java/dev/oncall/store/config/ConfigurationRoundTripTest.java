package dev.oncall.store.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.cover.CoverRequestStatus;
import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Restriction;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.service.IntegrationType;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.StoredCoverRequest;
import dev.oncall.store.schedule.StoredSchedule;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What is written is read back the same, and the schedule evaluates as configured. */
@ExtendWith(WithInfrastructure.class)
class ConfigurationRoundTripTest {
    private StoreFixture store;
    private Team team;
    private User alice;
    private User bob;
    private User carol;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
        alice = store.users.create("alice", "Alice", "alice@example.com", "America/New_York");
        bob = store.users.create("bob", "Bob", "bob@example.com", "Europe/London");
        carol = store.users.create("carol", "Carol", "carol@example.com", "Asia/Kathmandu");
        team = store.teams.createWithAdmin("payments", "Payments", alice.id());
        store.teams.addMember(team.id(), bob.id(), Role.RESPONDER);
        store.teams.addMember(team.id(), carol.id(), Role.MANAGER);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aScheduleWithLayersRestrictionsAndOverridesEvaluatesAsConfigured() {
        ScheduleInfo info = store.schedules.create(team.id(), "primary", "", "America/New_York");
        Layer weekly = Layer.of("weekly", LocalDateTime.parse("2026-01-05T09:00"), Rotation.weekly(1),
                List.of(UserRef.of(alice.id()), UserRef.of(bob.id())));
        Layer business = Layer.of("business", LocalDateTime.parse("2026-01-05T09:00"), Rotation.custom("PT12H"),
                        List.of(UserRef.of(carol.id())))
                .withRestrictions(List.of(Restriction.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0),
                        DayOfWeek.FRIDAY, LocalTime.of(17, 0))));
        store.layers.replaceAll(info.id(), info.version(), List.of(weekly, business));
        Instant overrideStart = Instant.parse("2026-01-10T12:00:00Z");
        store.overrides.create(info.id(), bob.id(), overrideStart, overrideStart.plusSeconds(3600),
                Optional.of(alice.id()));

        StoredSchedule stored = store.scheduleLoader.load(info.id(), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z")).orElseThrow();

        assertThat(stored.info().version()).isEqualTo(3);
        assertThat(stored.layers()).extracting(l -> l.layer()).containsExactly(weekly, business);
        var schedule = stored.toSchedule();
        // Tuesday 2026-01-06 10:00 New York: inside the business window, carol's layer is on top.
        assertThat(ScheduleEngine.onCallAt(schedule, Instant.parse("2026-01-06T15:00:00Z")))
                .containsExactly(UserRef.of(carol.id()));
        // Saturday: only the weekly layer (alice's first week), except during bob's override.
        assertThat(ScheduleEngine.onCallAt(schedule, Instant.parse("2026-01-10T11:59:59Z")))
                .containsExactly(UserRef.of(alice.id()));
        assertThat(ScheduleEngine.onCallAt(schedule, Instant.parse("2026-01-10T12:30:00Z")))
                .containsExactly(UserRef.of(bob.id()));
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsOfACoverRequestWins() throws Exception {
        ScheduleInfo info = store.schedules.create(team.id(), "primary", "", "UTC");
        store.layers.replaceAll(info.id(), info.version(), List.of(Layer.of("primary",
                LocalDateTime.parse("2026-03-01T09:00"), Rotation.weekly(1), List.of(UserRef.of(alice.id())))));
        Instant start = Instant.parse("2026-03-02T09:00:00Z");
        StoredCoverRequest request = store.coverRequests.request(info.id(), alice.id(), start, start.plusSeconds(7200),
                "dentist");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (User claimer : List.of(bob, carol, bob, carol)) {
            Callable<Boolean> claim = () -> {
                try {
                    store.coverRequests.claim(request.id(), claimer.id(), start);
                    return true;
                } catch (ValidationException e) {
                    return false;
                }
            };
            claims.add(pool.submit(claim));
        }
        int won = 0;
        for (Future<Boolean> f : claims) {
            won += f.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(won).isEqualTo(1);
        StoredCoverRequest claimed = store.coverRequests.find(request.id()).orElseThrow();
        assertThat(claimed.status()).isEqualTo(CoverRequestStatus.CLAIMED);
        assertThat(claimed.claimedBy()).isPresent();
    }

    @Test
    void policiesServicesKeysAndContactMethodsRoundTrip() {
        ScheduleInfo schedule = store.schedules.create(team.id(), "primary", "", "UTC");
        EscalationPolicy policy = store.policies.create(team.id(), "default", "", 2, List.of(
                new EscalationStep(Duration.ofMinutes(5), List.of(new StepTarget(TargetType.SCHEDULE, schedule.id()))),
                new EscalationStep(Duration.ofMinutes(10), List.of(new StepTarget(TargetType.USER, carol.id()),
                        new StepTarget(TargetType.TEAM, team.id())))));
        var service = store.services.create(team.id(), "api", "", policy.id(), Urgency.HIGH, Optional.empty());
        var key = store.services.createKey(service.id(), IntegrationType.EVENTS_V2, "prometheus");
        var push = store.contacts.addMethod(bob.id(), dev.oncall.core.user.ContactMethodType.PUSH, "phone", "tok-1", 0);
        store.contacts.addRule(bob.id(), push.id(), Duration.ZERO, Urgency.HIGH);

        EscalationPolicy loaded = store.policies.find(policy.id()).orElseThrow();
        assertThat(loaded.steps()).isEqualTo(policy.steps());
        assertThat(loaded.repeatCount()).isEqualTo(2);
        assertThat(store.services.findKeyBySecret(key.secret())).contains(key);
        assertThat(key.secret()).hasSize(32);
        assertThat(store.contacts.rulesOf(bob.id())).hasSize(1);

        var updated = store.policies.update(policy.id(), loaded.version(), "default", "now one step", 0,
                List.of(loaded.steps().get(1)));
        assertThat(store.policies.find(policy.id()).orElseThrow()).isEqualTo(updated);
        assertThat(updated.version()).isEqualTo(2);
    }
}
