package dev.oncall.store.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Restriction;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cached lookup answers exactly what the engine computes from the current configuration. */
@ExtendWith(WithInfrastructure.class)
class CachedOnCallLookupTest {
    private static final Instant START = Instant.parse("2026-03-27T22:00:00Z");

    private TestInfrastructure infra;
    private StoreFixture store;
    private RedisConnections redis;
    private OnCallCache cache;
    private CachedOnCallLookup lookup;
    private User ann;
    private User ben;
    private User cat;
    private ScheduleInfo schedule;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        this.infra = infra;
        store = new StoreFixture(infra);
        redis = new RedisConnections(TestInfrastructure.storeProperties("test", infra.redisUrl()).redis());
        cache = new OnCallCache(redis, Duration.ofMinutes(15), Duration.ofMillis(300), Clock.systemUTC());
        lookup = new CachedOnCallLookup(store.tx, store.scheduleLoader, cache, store.meters);
        ann = store.users.create("ann", "Ann", "ann@example.com", "UTC");
        ben = store.users.create("ben", "Ben", "ben@example.com", "UTC");
        cat = store.users.create("cat", "Cat", "cat@example.com", "UTC");
        Team team = store.teams.createWithAdmin("ops", "Ops", ann.id());
        store.teams.addMember(team.id(), ben.id(), Role.RESPONDER);
        store.teams.addMember(team.id(), cat.id(), Role.RESPONDER);
        schedule = store.schedules.create(team.id(), "primary", "", "Europe/London");
        // Handoffs at :02:30 of every hour (local, across the London spring-forward night):
        // always in the middle of a 5-minute bucket. A second layer of two users on top in
        // windows that open and close mid-bucket, and an override starting mid-bucket.
        Layer hourly = Layer.of("base", LocalDateTime.parse("2026-03-20T00:02:30"), Rotation.hourly(1),
                List.of(UserRef.of(ann.id()), UserRef.of(ben.id()), UserRef.of(cat.id())));
        Layer pair = new Layer("pair", LocalDateTime.parse("2026-03-20T23:47:10"), Optional.empty(), Rotation.custom("PT1H"),
                List.of(UserRef.of(ben.id()), UserRef.of(cat.id()), UserRef.of(ann.id())), 2,
                List.of(Restriction.daily(LocalTime.of(0, 13), LocalTime.of(1, 51)),
                        Restriction.daily(LocalTime.of(3, 7), LocalTime.of(4, 44)),
                        Restriction.daily(LocalTime.of(6, 21), LocalTime.of(7, 58))));
        store.layers.replaceAll(schedule.id(), schedule.version(), List.of(hourly, pair));
        store.overrides.create(schedule.id(), cat.id(), START.plusSeconds(4 * 3600 + 131),
                START.plusSeconds(4 * 3600 + 1013), Optional.empty());
    }

    @AfterEach
    void tearDown() {
        infra.startRedis();
        redis.close();
        store.close();
    }

    private List<UUID> engine(Instant at) {
        var s = store.scheduleLoader.load(schedule.id(), at, at.plusSeconds(1)).orElseThrow().toSchedule();
        return ScheduleEngine.onCallAt(s, at).stream().map(UserRef::requireUuid).toList();
    }

    @Test
    void equalsTheEngineAtEveryInstantIncludingMidBucketHandoffs() {
        Instant end = START.plus(Duration.ofHours(12));
        var configured = store.scheduleLoader.load(schedule.id(), START, end).orElseThrow().toSchedule();
        int handoffsInsideBuckets = 0;
        List<UUID> previous = null;
        for (Instant at = START; at.isBefore(end); at = at.plusSeconds(41)) {
            List<UUID> cached = lookup.onCallAt(schedule.id(), at);
            assertThat(cached).as("at %s", at)
                    .isEqualTo(ScheduleEngine.onCallAt(configured, at).stream().map(UserRef::requireUuid).toList());
            if (previous != null && !cached.equals(previous) && !OnCallBuckets.start(at).equals(at)) {
                handoffsInsideBuckets++;
            }
            previous = cached;
        }
        assertThat(handoffsInsideBuckets).isGreaterThan(10);
        assertThat(store.meters.counter("oncall.oncall.cache.hits").count()).isGreaterThan(800);
        assertThat(store.meters.counter("oncall.oncall.cache.misses").count()).isEqualTo(12 * 12);
    }

    @Test
    void aChangeIsSeenByTheNextLookup() {
        Instant at = START.plusSeconds(600);
        lookup.onCallAt(schedule.id(), at);
        lookup.onCallAt(schedule.id(), at);

        store.overrides.create(schedule.id(), ben.id(), at.minusSeconds(1), at.plusSeconds(60), Optional.empty());

        assertThat(lookup.onCallAt(schedule.id(), at)).containsExactly(ben.id()).isEqualTo(engine(at));
    }

    @Test
    void aRedisOutageDegradesToTheDatabaseWithTheSameAnswers() {
        Instant at = START.plusSeconds(3 * 3600);
        assertThat(lookup.onCallAt(schedule.id(), at)).isEqualTo(engine(at));

        infra.stopRedis();
        for (int i = 0; i < 40; i++) {
            Instant t = at.plusSeconds(i * 53L);
            assertThat(lookup.onCallAt(schedule.id(), t)).as("at %s", t).isEqualTo(engine(t));
        }
        assertThat(store.meters.counter("oncall.oncall.cache.errors").count()).isEqualTo(40);
        assertThat(cache.breakerOpen()).isTrue();
        assertThat(store.meters.get("oncall.circuit.breaker.open").tag("breaker", "oncall-cache").gauge().value()).isEqualTo(1);

        infra.startRedis();
        double hitsBefore = store.meters.counter("oncall.oncall.cache.hits").count();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store.meters.counter("oncall.oncall.cache.hits").count() == hitsBefore && System.nanoTime() < deadline) {
            assertThat(lookup.onCallAt(schedule.id(), at)).isEqualTo(engine(at));
        }
        assertThat(store.meters.counter("oncall.oncall.cache.hits").count()).isGreaterThan(hitsBefore);
    }

    @Test
    void anUnknownScheduleHasNobodyOnCall() {
        assertThat(lookup.onCallAt(UUID.randomUUID(), START)).isEmpty();
    }
}
