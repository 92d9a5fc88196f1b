package dev.oncall.auditor.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.oncall.auditor.page.Pager;
import dev.oncall.auditor.run.AuditResult;
import dev.oncall.auditor.run.Auditor;
import dev.oncall.store.audit.AuditEpisodes;
import dev.oncall.store.audit.AuditRuns;
import dev.oncall.store.audit.Liveness;
import dev.oncall.store.audit.ScheduleSnapshot;
import dev.oncall.store.audit.ScheduleSnapshots;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.oncall.BucketKey;
import dev.oncall.store.oncall.OnCallBuckets;
import dev.oncall.store.oncall.OnCallCache;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.shift.ShiftMaterializations;
import dev.oncall.store.testing.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Harness (not a test): how long one audit pass over N schedules takes on this machine. Builds
 * a fresh database of N schedules (1–3 layers each: hourly, 12-hour, daily and weekly
 * rotations in several zones, half of them restricted to working hours, some with overrides),
 * materializes their shifts and fills the on-call cache as the workers would, then times
 * audit passes. See docs/benchmarks.md ("Auditor") for the command and the numbers.
 */
public final class AuditBenchmark {
    
    public static void main(String[] args) throws Exception {
        int schedules = Integer.parseInt(System.getProperty("bench.schedules", "10000"));
        int runs = Integer.parseInt(System.getProperty("bench.runs", "3"));
        TestInfrastructure infra = TestInfrastructure.get();
        try (HikariDataSource ds = dataSource(infra)) {
            JdbcClient jdbc = JdbcClient.create(ds);
            Transactions tx = new Transactions(new JdbcTransactionManager(ds), jdbc,
                    TestInfrastructure.storeProperties("bench", "").retry(), new SimpleMeterRegistry());
            Instant now = Clock.systemUTC().instant();
            long t = System.nanoTime();
            populate(jdbc, schedules, now);
            System.out.printf("populated %d schedules in %.1f s%n", schedules, seconds(t));
            t = System.nanoTime();
            materialize(tx, now);
            System.out.printf("materialized their shifts in %.1f s%n", seconds(t));
            try (RedisConnections redis = new RedisConnections(TestInfrastructure.storeProperties("bench", infra.redisUrl()).redis())) {
                OnCallCache cache = new OnCallCache(redis, Duration.ofMinutes(15), Duration.ofSeconds(10), Clock.systemUTC());
                t = System.nanoTime();
                int entries = fillCache(tx, cache, now);
                System.out.printf("cached %d bucket entries in %.1f s%n", entries, seconds(t));
                jdbc.sql("INSERT INTO worker_heartbeats (worker_id, region, started_at, last_seen_at) VALUES ('w', 'bench', :now, :now)")
                        .param("now", Rows.param(now)).update();
                Auditor auditor = new Auditor(new ScheduleSnapshots(tx), cache, new Liveness(tx), new AuditEpisodes(tx),
                        new AuditRuns(tx), new Pager(List.of()),
                        new Auditor.Settings("bench", List.of(), 500, Duration.ofMinutes(5), Duration.ofDays(1), Duration.ofMinutes(2),
                                Duration.ofDays(30)),
                        Clock.fixed(now, java.time.ZoneOffset.UTC), new SimpleMeterRegistry());
                for (int run = 1; run <= runs; run++) {
                    t = System.nanoTime();
                    AuditResult result = auditor.runOnce();
                    System.out.printf("audit run %d: %d schedules checked, %d findings, %.2f s%n", run,
                            result.schedulesChecked(), result.findings().size(), seconds(t));
                }
            }
        }
        System.exit(0);
    }

    private static HikariDataSource dataSource(TestInfrastructure infra) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(infra.newDatabaseUrl());
        ds.setUsername(infra.username());
        ds.setMaximumPoolSize(4);
        ds.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        return ds;
    }

    /** Set-based: teams of five users, N schedules round-robin over the teams. */
    private static void populate(JdbcClient jdbc, int schedules, Instant now) {
        int teams = Math.max(1, schedules / 20);
        jdbc.sql("INSERT INTO teams (name) SELECT 'team-' || g FROM generate_series(0, :n - 1) g").param("n", teams).update();
        jdbc.sql("""
                        INSERT INTO users (handle, name, email, timezone)
                        SELECT 'user-' || g, 'User ' || g, 'user-' || g || '@example.com', 'UTC' FROM generate_series(0, :n - 1) g""")
                .param("n", teams * 5).update();
        jdbc.sql("""
                        INSERT INTO schedules (team_id, name, timezone)
                        SELECT t.id, 'schedule-' || g, (ARRAY['UTC', 'America/New_York', 'Europe/London', 'Asia/Kathmandu',
                                                               'Australia/Lord_Howe', 'Pacific/Chatham'])[1 + g % 6]
                        FROM generate_series(0, :n - 1) g JOIN teams t ON t.name = 'team-' || (g % :teams)""")
                .param("n", schedules).param("teams", teams).update();
        // 1-3 layers: an hourly (12 h turns), daily or weekly base; a second layer on working
        // hours; a third on nights. Handoffs at odd minutes, so many fall inside a bucket.
        jdbc.sql("""
                        INSERT INTO rotation_layers (schedule_id, name, layer_order, rotation_type, rotation_count,
                                                     start_local, users_per_shift, restrictions)
                        SELECT s.id, 'layer-' || l, l, (ARRAY['hourly', 'daily', 'weekly'])[1 + (s.k + l) % 3],
                               CASE WHEN (s.k + l) % 3 = 0 THEN 12 ELSE 1 END,
                               TIMESTAMP '2026-01-01 00:10:00' + (s.k % 7) * INTERVAL '1 day' + (s.k % 10) * INTERVAL '1 hour'
                                   + (s.k % 50) * INTERVAL '1 minute', 1,
                               CAST(CASE l WHEN 1 THEN '[{"type":"weekly","startDay":"MONDAY","start":"09:00","endDay":"FRIDAY","end":"17:00"}]'
                                           WHEN 2 THEN '[{"type":"daily","start":"22:00","end":"06:00"}]'
                                           ELSE '[]' END AS JSONB)
                        FROM (SELECT id, CAST(substr(name, 10) AS INT) AS k FROM schedules) s, generate_series(0, 2) l
                        WHERE l <= s.k % 3""").update();
        jdbc.sql("""
                        INSERT INTO layer_participants (layer_id, position, user_id)
                        SELECT rl.id, p, u.id
                        FROM rotation_layers rl
                        JOIN (SELECT id, CAST(substr(name, 10) AS INT) AS k FROM schedules) s ON s.id = rl.schedule_id
                        CROSS JOIN generate_series(0, 2) p
                        JOIN users u ON u.handle = 'user-' || ((s.k % :teams) * 5 + (p + rl.layer_order) % 5)""")
                .param("teams", teams).update();
        jdbc.sql("""
                        INSERT INTO overrides (schedule_id, user_id, starts_at, ends_at)
                        SELECT s.id, u.id, CAST(:now AS TIMESTAMPTZ) - (3600 + s.k % 600) * INTERVAL '1 second',
                               CAST(:now AS TIMESTAMPTZ) + (300 + s.k % 900) * INTERVAL '1 second'
                        FROM (SELECT id, CAST(substr(name, 10) AS INT) AS k FROM schedules) s
                        JOIN users u ON u.handle = 'user-' || ((s.k % :teams) * 5 + 4)
                        WHERE s.k % 4 = 0""")
                .param("now", Rows.param(now)).param("teams", teams).update();
    }

    /** As the workers would, four of them: one day of shifts per schedule. */
    private static void materialize(Transactions tx, Instant now) throws Exception {
        ShiftMaterializations m = new ShiftMaterializations(tx, Duration.ofDays(1), Duration.ofDays(1), Duration.ofMinutes(10));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String owner = "bench-" + w;
                workers.add(pool.submit(() -> {
                    List<UUID> due;
                    while (!(due = new ArrayList<>(m.due(now, 100))).isEmpty()) {
                        java.util.Collections.shuffle(due);
                        due.forEach(id -> m.run(id, owner, now));
                    }
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** As the lookups of escalations would: the current bucket of every schedule. */
    private static int fillCache(Transactions tx, OnCallCache cache, Instant now) {
        ScheduleSnapshots snapshots = new ScheduleSnapshots(tx);
        Instant bucket = OnCallBuckets.start(now);
        int entries = 0;
        Optional<UUID> after = Optional.empty();
        do {
            ScheduleSnapshots.Page page = snapshots.page(after, 500, bucket, OnCallBuckets.end(bucket));
            for (ScheduleSnapshot s : page.snapshots()) {
                var info = s.schedule().info();
                cache.put(new BucketKey(info.id(), info.version(), bucket), OnCallBuckets.render(s.schedule().toSchedule(), bucket));
                entries++;
            }
            after = page.next();
        } while (after.isPresent());
        return entries;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
