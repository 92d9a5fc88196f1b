package dev.oncall.auditor.run;

import dev.oncall.auditor.EventsReceiver;
import dev.oncall.auditor.page.EventsApiChannel;
import dev.oncall.auditor.page.PageChannel;
import dev.oncall.auditor.page.Pager;
import dev.oncall.auditor.page.WebhookChannel;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.audit.AuditEpisodes;
import dev.oncall.store.audit.AuditRuns;
import dev.oncall.store.audit.Liveness;
import dev.oncall.store.audit.ScheduleSnapshots;
import dev.oncall.store.oncall.CachedOnCallLookup;
import dev.oncall.store.oncall.OnCallCache;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.shift.ShiftMaterializations;
import dev.oncall.store.testing.MutableClock;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A whole system for the auditor to watch, without Spring: a fresh database, the test Redis,
 * a clock the test moves, "workers" the test runs by hand (materialization, heartbeats, cached
 * lookups), and a real HTTP receiver standing in for the Events API and the fallback webhook.
 */
final class AuditFixture implements AutoCloseable {
    static final String REGION = "test-region";
    static final Duration HORIZON = Duration.ofDays(14);
    static final Duration RETENTION = Duration.ofDays(30);

    final StoreFixture store;
    final MutableClock clock;
    final RedisConnections redis;
    final OnCallCache cache;
    final CachedOnCallLookup lookup;
    final ShiftMaterializations materializations;
    final EventsReceiver eventsApi = new EventsReceiver();
    final EventsReceiver fallback = new EventsReceiver();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AuditEpisodes episodes;
    final Pager pager;
    final Auditor auditor;
    final User ann;
    final User ben;
    final User cat;
    final Team team;

    AuditFixture(TestInfrastructure infra, Instant start) {
        store = new StoreFixture(infra);
        clock = new MutableClock(start);
        redis = new RedisConnections(TestInfrastructure.storeProperties(REGION, infra.redisUrl()).redis());
        cache = new OnCallCache(redis, Duration.ofMinutes(15), Duration.ofSeconds(10), Clock.systemUTC());
        lookup = new CachedOnCallLookup(store.tx, store.scheduleLoader, cache, store.meters);
        materializations = new ShiftMaterializations(store.tx, HORIZON, Duration.ofDays(1), Duration.ofMinutes(2));
        episodes = new AuditEpisodes(store.tx);
        List<PageChannel> channels = List.of(
                new EventsApiChannel(eventsApi.url("/v2/enqueue"), "self-monitoring-key", Duration.ofSeconds(2), 2),
                new WebhookChannel(fallback.url("/hook"), Duration.ofSeconds(2), 1));
        pager = new Pager(channels);
        auditor = new Auditor(new ScheduleSnapshots(store.tx), cache, new Liveness(store.tx), episodes,
                new AuditRuns(store.tx), pager,
                new Auditor.Settings(REGION, List.of(), 50, Duration.ofMinutes(5), Duration.ofMinutes(2),
                        Duration.ofMinutes(2), RETENTION),
                clock, meters);
        ann = store.users.create("ann", "Ann", "ann@example.com", "UTC");
        ben = store.users.create("ben", "Ben", "ben@example.com", "UTC");
        cat = store.users.create("cat", "Cat", "cat@example.com", "UTC");
        team = store.teams.createWithAdmin("ops", "Ops", ann.id());
        store.teams.addMember(team.id(), ben.id(), Role.RESPONDER);
        store.teams.addMember(team.id(), cat.id(), Role.RESPONDER);
    }

    /** A schedule handing over every hour at {@code minute}:30 past, in the middle of a bucket. */
    ScheduleInfo hourlySchedule(String name, int minute) {
        ScheduleInfo info = store.schedules.create(team.id(), name, "", "America/New_York");
        store.layers.replaceAll(info.id(), info.version(), List.of(Layer.of("primary",
                LocalDateTime.parse("2026-01-05T00:00").plusMinutes(minute).plusSeconds(30), Rotation.hourly(1),
                List.of(UserRef.of(ann.id()), UserRef.of(ben.id()), UserRef.of(cat.id())))));
        return store.schedules.find(info.id()).orElseThrow();
    }

    /** What the regional workers do between audits, at the current clock. */
    void workersRun() {
        heartbeat("worker-1");
        List<UUID> due;
        while (!(due = materializations.due(clock.instant(), 50)).isEmpty()) {
            due.forEach(id -> materializations.run(id, "worker-1", clock.instant()));
        }
    }

    void heartbeat(String workerId) {
        store.jdbc.sql("""
                        INSERT INTO worker_heartbeats (worker_id, region, started_at, last_seen_at) VALUES (:id, :region, :now, :now)
                        ON CONFLICT (worker_id) DO UPDATE SET last_seen_at = excluded.last_seen_at""")
                .param("id", workerId).param("region", REGION).param("now", Rows.param(clock.instant())).update();
    }

    /** Escalation asks who is on call for every schedule now (filling the cache). */
    List<List<UUID>> lookups(List<ScheduleInfo> schedules) {
        List<List<UUID>> out = new ArrayList<>();
        schedules.forEach(s -> out.add(lookup.onCallAt(s.id(), clock.instant())));
        return out;
    }

    @Override
    public void close() {
        eventsApi.close();
        fallback.close();
        redis.close();
        store.close();
    }
}
