package dev.oncall.store.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.cover.CoverRequestStatus;
import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.oncall.BucketKey;
import dev.oncall.store.oncall.CachedBucket;
import dev.oncall.store.oncall.CachedOnCallLookup;
import dev.oncall.store.oncall.OnCallBuckets;
import dev.oncall.store.oncall.OnCallCache;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A person removed from a team or deleted leaves every schedule and policy that named them, in
 * the same transaction, and the on-call answers cached in the real Redis before stop naming
 * them at once.
 */
@ExtendWith(WithInfrastructure.class)
class DeparturesTest {
    private static final LocalDateTime MARCH_1 = LocalDateTime.parse("2026-03-01T00:00");
    /** Daily turns from March 1st in UTC: on the 2nd the second participant is on call. */
    private static final Instant MARCH_2 = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant MARCH_3 = Instant.parse("2026-03-03T12:00:00Z");
    private static final Instant MARCH_4 = Instant.parse("2026-03-04T11:00:00Z");

    private StoreFixture store;
    private RedisConnections redis;
    private OnCallCache cache;
    private CachedOnCallLookup lookup;
    private User ann;
    private User ben;
    private User cat;
    private Team ops;
    private Team dev;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
        redis = new RedisConnections(TestInfrastructure.storeProperties("test", infra.redisUrl()).redis());
        cache = new OnCallCache(redis, Duration.ofMinutes(15), Duration.ofSeconds(10), Clock.systemUTC());
        lookup = new CachedOnCallLookup(store.tx, store.scheduleLoader, cache, store.meters);
        ann = store.users.create("ann", "Ann", "ann@example.com", "UTC");
        ben = store.users.create("ben", "Ben", "ben@example.com", "UTC");
        cat = store.users.create("cat", "Cat", "cat@example.com", "UTC");
        ops = store.teams.createWithAdmin("ops", "", ann.id());
        store.teams.addMember(ops.id(), ben.id(), Role.RESPONDER);
        store.teams.addMember(ops.id(), cat.id(), Role.RESPONDER);
        dev = store.teams.createWithAdmin("dev", "", ann.id());
        store.teams.addMember(dev.id(), ben.id(), Role.RESPONDER);
    }

    @AfterEach
    void tearDown() {
        redis.close();
        store.close();
    }

    @Test
    void deletingAPersonTakesThemOutOfEveryScheduleAndPolicyAndEveryCachedAnswer() {
        ScheduleInfo primary = daily(ops, "primary", 1, ann, ben, cat);
        // Cat asks for cover on the 3rd and Ben takes it; Ben overrides on the 4th.
        var cover = store.coverRequests.request(primary.id(), cat.id(), MARCH_3.minusSeconds(3600),
                MARCH_3.plusSeconds(3600), "dentist");
        store.coverRequests.claim(cover.id(), ben.id(), MARCH_2);
        store.overrides.create(primary.id(), ben.id(), MARCH_4.minusSeconds(600), MARCH_4.plusSeconds(600),
                Optional.of(ann.id()));
        ScheduleInfo devs = daily(dev, "dev", 1, ann, ben);
        EscalationPolicy policy = store.policies.create(ops.id(), "default", "", 0, List.of(
                step(user(ben), new StepTarget(TargetType.SCHEDULE, primary.id())), step(user(ann))));
        store.jdbc.sql("""
                        INSERT INTO shifts (schedule_id, user_id, starts_at, ends_at, source, config_version)
                        VALUES (:schedule, :user, :start, :end, 'rotation', 1)""")
                .param("schedule", primary.id()).param("user", ben.id())
                .param("start", java.sql.Timestamp.from(MARCH_2.minusSeconds(43200)))
                .param("end", java.sql.Timestamp.from(MARCH_2.plusSeconds(43200))).update();
        assertThat(warm(primary, MARCH_2)).containsExactly(ben.id());
        assertThat(warm(primary, MARCH_3)).containsExactly(ben.id());
        assertThat(warm(primary, MARCH_4)).containsExactly(ben.id());
        assertThat(warm(devs, MARCH_2)).containsExactly(ben.id());

        assertThat(store.users.delete(ben.id())).isTrue();

        for (Instant at : List.of(MARCH_2, MARCH_3, MARCH_4)) {
            assertThat(lookup.onCallAt(primary.id(), at)).as("at %s", at).doesNotContain(ben.id()).isEqualTo(engine(primary, at));
        }
        assertThat(lookup.onCallAt(primary.id(), MARCH_2)).containsExactly(cat.id());
        assertThat(lookup.onCallAt(devs.id(), MARCH_2)).containsExactly(ann.id());
        assertThat(store.scheduleLoader.load(primary.id(), MARCH_1.toInstant(java.time.ZoneOffset.UTC), MARCH_4.plusSeconds(3600))
                .orElseThrow().layers().getFirst().layer().participants()).containsExactly(UserRef.of(ann.id()), UserRef.of(cat.id()));
        assertThat(store.coverRequests.find(cover.id()).orElseThrow().status()).isEqualTo(CoverRequestStatus.OPEN);
        assertThat(store.policies.find(policy.id()).orElseThrow().steps().getFirst().targets())
                .containsExactly(new StepTarget(TargetType.SCHEDULE, primary.id()));
        assertThat(store.policies.find(policy.id()).orElseThrow().version()).isEqualTo(policy.version() + 1);
        assertThat(store.count("shifts")).isZero();
        assertThat(store.count("overrides")).isZero();
        assertThat(store.users.find(ben.id())).isEmpty();
    }

    @Test
    void removingAMemberTakesThemOutOfThatTeamsSchedulesOnly() {
        ScheduleInfo primary = daily(ops, "primary", 1, ann, ben, cat);
        store.overrides.create(primary.id(), ben.id(), MARCH_4.minusSeconds(600), MARCH_4.plusSeconds(600),
                Optional.empty());
        var asked = store.coverRequests.request(primary.id(), ben.id(), MARCH_2.minusSeconds(3600),
                MARCH_2.plusSeconds(3600), "");
        store.coverRequests.claim(asked.id(), cat.id(), MARCH_2);
        ScheduleInfo devs = daily(dev, "dev", 1, ann, ben);
        assertThat(warm(primary, MARCH_2.minusSeconds(7200))).containsExactly(ben.id());
        assertThat(warm(primary, MARCH_4)).containsExactly(ben.id());
        assertThat(warm(devs, MARCH_2)).containsExactly(ben.id());

        assertThat(store.teams.removeMember(ops.id(), ben.id())).isTrue();

        assertThat(lookup.onCallAt(primary.id(), MARCH_2.minusSeconds(7200))).containsExactly(cat.id());
        assertThat(lookup.onCallAt(primary.id(), MARCH_4)).doesNotContain(ben.id()).isEqualTo(engine(primary, MARCH_4));
        assertThat(store.coverRequests.find(asked.id())).as("a request Ben made is gone with him").isEmpty();
        // The other team's schedule is not theirs to change: Ben is still on call there, from the same cache entry.
        assertThat(store.schedules.find(devs.id()).orElseThrow().version()).isEqualTo(devs.version());
        assertThat(lookup.onCallAt(devs.id(), MARCH_2)).containsExactly(ben.id());
    }

    @Test
    void refusedWithNothingChangedWhenALayerOrStepCouldNotWorkWithoutThem() {
        ScheduleInfo solo = daily(ops, "solo", 1, ben);
        ScheduleInfo pair = daily(ops, "pair", 2, ann, ben);
        store.policies.create(ops.id(), "ben only", "", 0, List.of(step(user(ben))));
        assertThat(warm(solo, MARCH_2)).containsExactly(ben.id());

        assertThatThrownBy(() -> store.users.delete(ben.id())).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.errors()).extracting(FieldError::field, FieldError::message).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("id",
                                "is the only participant of layer \"daily\" of schedule \"solo\"; change or delete that layer first"),
                        org.assertj.core.groups.Tuple.tuple("id", "layer \"daily\" of schedule \"pair\" puts 2 people on call"
                                + " at once and would have 1 participant(s) left; change that layer first"),
                        org.assertj.core.groups.Tuple.tuple("id",
                                "is the only target of step 1 of escalation policy \"ben only\"; change that step first")));
        assertThatThrownBy(() -> store.teams.removeMember(ops.id(), ben.id())).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.errors()).hasSize(3)
                        .allSatisfy(error -> assertThat(error.field()).isEqualTo("userId")));

        assertThat(store.users.find(ben.id())).isPresent();
        assertThat(store.teams.roleOf(ops.id(), ben.id())).contains(Role.RESPONDER);
        assertThat(store.schedules.find(solo.id()).orElseThrow().version()).isEqualTo(solo.version());
        assertThat(store.schedules.find(pair.id()).orElseThrow().version()).isEqualTo(pair.version());
        assertThat(lookup.onCallAt(solo.id(), MARCH_2)).containsExactly(ben.id());
    }

    /** A schedule of one daily layer from March 1st, {@code perShift} at a time; returns it at its current version. */
    private ScheduleInfo daily(Team team, String name, int perShift, User... people) {
        ScheduleInfo created = store.schedules.create(team.id(), name, "", "UTC");
        store.layers.replaceAll(created.id(), created.version(), List.of(Layer.of("daily", MARCH_1, Rotation.daily(1),
                java.util.Arrays.stream(people).map(p -> UserRef.of(p.id())).toList()).withUsersPerShift(perShift)));
        return store.schedules.find(created.id()).orElseThrow();
    }

    /** Looks up who is on call twice, so the answer is cached and read back from Redis. */
    private List<UUID> warm(ScheduleInfo schedule, Instant at) {
        List<UUID> first = lookup.onCallAt(schedule.id(), at);
        long version = store.schedules.find(schedule.id()).orElseThrow().version();
        assertThat(cache.get(new BucketKey(schedule.id(), version, OnCallBuckets.start(at))).orElseThrow())
                .isInstanceOf(CachedBucket.Present.class);
        assertThat(lookup.onCallAt(schedule.id(), at)).isEqualTo(first);
        return first;
    }

    private List<UUID> engine(ScheduleInfo schedule, Instant at) {
        var s = store.scheduleLoader.load(schedule.id(), at, at.plusSeconds(1)).orElseThrow().toSchedule();
        return ScheduleEngine.onCallAt(s, at).stream().map(UserRef::requireUuid).toList();
    }

    private static EscalationStep step(StepTarget... targets) {
        return new EscalationStep(Duration.ofMinutes(5), List.of(targets));
    }

    private static StepTarget user(User who) {
        return new StepTarget(TargetType.USER, who.id());
    }
}
