package dev.oncall.worker.escalation;

import dev.oncall.core.escalation.TimerKind;
import dev.oncall.core.incident.Channel;
import dev.oncall.platform.db.Rows;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.AlertEvent;
import dev.oncall.store.incident.IncidentCommands;
import dev.oncall.store.incident.IncidentEventPublisher;
import dev.oncall.store.oncall.DirectOnCallLookup;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.testing.IncidentScenario;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Load harness, not a test (docs/benchmarks.md, "Alerts and escalation"): two workers of one
 * region on the embedded PostgreSQL and Redis, with the system clock, while
 * <ul>
 *   <li>{@code -Dpending=100000} timers are pending, spread over the next {@code -Dspread=6000} s
 *       (about 17 due per second), and</li>
 *   <li>alerts arrive at {@code -Drate=20} per second through {@link IncidentCommands} (what
 *       graph-api runs per event), for {@code -Dseconds=60} s.</li>
 * </ul>
 * Reports timer lateness (step_fired event time minus due time) and alert-to-first-intent latency
 * (first notification intent's creation minus the alert's arrival), p50/p99/max.
 *
 * <p>With {@code -Dbacklog=20000} it measures the catch-up instead: that many timers already
 * overdue when the two workers start (as after an outage), fired once timer by timer and once by
 * sweeping the region in batches, each on a fresh database; it reports how long each took.
 */
public final class EscalationLoadHarness {
    private static final String REGION = "bench";

    public static void main(String[] args) throws Exception {
        int backlog = Integer.getInteger("backlog", 0);
        if (backlog > 0) {
            catchUp(backlog, "one by one", Integer.MAX_VALUE);
            catchUp(backlog, "swept", 1);
            System.exit(0);
        }
        int pending = Integer.getInteger("pending", 100_000);
        int spreadSeconds = Integer.getInteger("spread", 6000);
        int rate = Integer.getInteger("rate", 20);
        int seconds = Integer.getInteger("seconds", 60);
        Clock clock = Clock.systemUTC();
        TestInfrastructure infra = TestInfrastructure.get();
        try (StoreFixture store = new StoreFixture(infra);
             RedisConnections redis = new RedisConnections(TestInfrastructure.storeProperties(REGION, infra.redisUrl()).redis())) {
            IncidentScenario scenario = new IncidentScenario(IncidentScenario.Repositories.of(store), 0,
                    Duration.ofMinutes(30), Optional.empty());
            seedPendingTimers(store, scenario, pending, spreadSeconds);

            EscalationProperties defaults = defaults(1000);
            List<WorkerNode> workers = List.of(new WorkerNode(store.dataSource.getJdbcUrl(), "bench-1", REGION, clock, defaults),
                    new WorkerNode(store.dataSource.getJdbcUrl(), "bench-2", REGION, clock, defaults));
            List<TimerWakeups> wakeups = new ArrayList<>();
            for (WorkerNode w : workers) {
                w.start();
                TimerWakeups t = new TimerWakeups(w.redis, REGION, w.engine);
                t.start();
                wakeups.add(t);
            }
            // Only now, with the workers running, do the seeded timers start coming due.
            Instant start = clock.instant().plusSeconds(10);
            store.jdbc.sql("""
                            UPDATE escalation_timers t
                            SET due_at = :start + CAST(i.title AS BIGINT) * INTERVAL '1 millisecond'
                            FROM incidents i WHERE i.id = t.incident_id AND i.home_region = 'seeded'""")
                    .param("start", Rows.param(start)).update();
            System.out.printf("%d pending timers due from %s over %d s%n", pending, start, spreadSeconds);
            IncidentCommands commands = new IncidentCommands(store.tx, clock, REGION,
                    new DirectOnCallLookup(store.scheduleLoader), new IncidentEventPublisher(redis));
            ScheduledExecutorService senders = Executors.newScheduledThreadPool(4);
            long periodMicros = 1_000_000L / rate;
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            senders.scheduleAtFixedRate(() -> commands.trigger(scenario.service,
                    AlertEvent.trigger("bench-alert-" + sent.incrementAndGet(), "bench alert", "harness", "critical", "{}"),
                    Actor.integration("harness"), Channel.EVENTS_V2), 10_000_000L, periodMicros, TimeUnit.MICROSECONDS);
            senders.schedule(() -> { }, 10L + seconds, TimeUnit.SECONDS).get();
            senders.shutdown();
            senders.awaitTermination(10, TimeUnit.SECONDS);
            // Let the last alerts' first pages fire.
            Executors.newSingleThreadScheduledExecutor().schedule(() -> { }, 3, TimeUnit.SECONDS).get();
            wakeups.forEach(TimerWakeups::close);
            workers.forEach(WorkerNode::close);

            List<Long> lateness = store.jdbc.sql("""
                            SELECT EXTRACT(EPOCH FROM (e.created_at - :start)) * 1000 - CAST(i.title AS BIGINT)
                            FROM incident_events e JOIN incidents i ON i.id = e.incident_id
                            WHERE e.kind = 'step_fired' AND i.home_region = 'seeded'""")
                    .param("start", Rows.param(start))
                    .query((rs, n) -> Math.round(rs.getDouble(1))).list();
            List<Long> alertToIntent = store.jdbc.sql("""
                            SELECT EXTRACT(EPOCH FROM (min(n.created_at) - a.first_seen_at)) * 1000
                            FROM alerts a JOIN notification_attempts n ON n.incident_id = a.incident_id
                            WHERE a.dedup_key LIKE 'bench-alert-%' GROUP BY a.id, a.first_seen_at""")
                    .query((rs, n) -> Math.round(rs.getDouble(1))).list();
            int alertsSent = sent.get();
            System.out.printf("timer lateness over %d fires with %d pending: %s%n", lateness.size(), pending,
                    summary(lateness));
            System.out.printf("alert to first intent over %d of %d alerts: %s%n", alertToIntent.size(), alertsSent,
                    summary(alertToIntent));
            System.out.printf("timers still pending: %s%n", store.jdbc.sql("SELECT count(*) FROM escalation_timers")
                    .query(Long.class).single());
        }
        System.exit(0);
    }

    /** The production defaults, but for the backlog threshold. */
    private static EscalationProperties defaults(int backlogThreshold) {
        return new EscalationProperties(true, Duration.ofSeconds(30), Duration.ofSeconds(1), 5000, 4,
                Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(60),
                new EscalationProperties.RedisBreaker(50, 10, Duration.ofSeconds(10)), backlogThreshold);
    }

    /**
     * {@code n} timers a minute overdue when two workers start with {@code backlogThreshold}:
     * prints how long until none is due any more (each step 0 fired, each step 1 thirty minutes away).
     */
    private static void catchUp(int n, String mode, int backlogThreshold) {
        Clock clock = Clock.systemUTC();
        TestInfrastructure infra = TestInfrastructure.get();
        try (StoreFixture store = new StoreFixture(infra)) {
            IncidentScenario scenario = new IncidentScenario(IncidentScenario.Repositories.of(store), 0,
                    Duration.ofMinutes(30), Optional.empty());
            seedPendingTimers(store, scenario, n, 1);
            store.jdbc.sql("UPDATE escalation_timers SET due_at = :due").param("due", Rows.param(
                    clock.instant().minus(Duration.ofMinutes(1)))).update();
            String url = store.dataSource.getJdbcUrl();
            long start = System.nanoTime();
            List<WorkerNode> workers = List.of(new WorkerNode(url, "bench-1", REGION, clock, defaults(backlogThreshold)),
                    new WorkerNode(url, "bench-2", REGION, clock, defaults(backlogThreshold)));
            workers.forEach(WorkerNode::start);
            // The count may lose a serialization conflict with the sweeps: then it simply asks again.
            Awaitility.await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> store.jdbc.sql("SELECT count(*) FROM escalation_timers WHERE due_at <= now()")
                            .query(Long.class).single() == 0);
            long millis = (System.nanoTime() - start) / 1_000_000;
            workers.forEach(WorkerNode::close);
            long fired = store.jdbc.sql("SELECT count(*) FROM incident_events WHERE kind = 'step_fired'")
                    .query(Long.class).single();
            System.out.printf("backlog of %d overdue timers fired %s: %d ms (%.0f timers/s), %d steps fired%n",
                    n, mode, millis, n * 1000.0 / Math.max(1, millis), fired);
        }
    }

    /**
     * Incidents with their first timer, set-based; each title holds its timer's offset in
     * milliseconds from the start of the run, and timers are parked a day ahead until then.
     */
    private static void seedPendingTimers(StoreFixture store, IncidentScenario s, int n, int spread) {
        store.jdbc.sql("""
                        INSERT INTO incidents (alert_id, service_id, team_id, policy_id, title, status, urgency,
                                               home_region, created_at, updated_at)
                        SELECT gen_random_uuid(), :service, :team, :policy, CAST(g * :spreadMs / :n AS TEXT),
                               'triggered', 'high', 'seeded', now(), now()
                        FROM generate_series(1, :n) g """)
                .param("service", s.service).param("team", s.team).param("policy", s.policy)
                .param("spreadMs", (long) spread * 1000).param("n", n).update();
        store.jdbc.sql("""
                        INSERT INTO escalation_timers (incident_id, kind, step, loop_count, due_at, region, created_at)
                        SELECT id, :kind, 0, 0, now() + INTERVAL '1 day', :region, created_at
                        FROM incidents WHERE home_region = 'seeded'""")
                .param("kind", TimerKind.STEP.code()).param("region", REGION).update();
    }

    private static String summary(List<Long> millis) {
        if (millis.isEmpty()) {
            return "no samples";
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return "p50 %d ms, p99 %d ms, max %d ms".formatted(sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)), sorted.getLast());
    }
}
