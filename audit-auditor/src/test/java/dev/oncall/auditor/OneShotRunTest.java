package dev.oncall.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.oncall.BucketKey;
import dev.oncall.store.oncall.OnCallBuckets;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CronJob's way of running: one pass in a process without a web server, verdict in the exit code. */
@ExtendWith(WithInfrastructure.class)
class OneShotRunTest {
    private static final String CLOSED_PORT = "jdbc:postgresql://127.0.0.1:1/none";
    private static final String PING_PATH = "/integrations/heartbeat/0123456789abcdef0123456789abcdef";

    private TestInfrastructure infra;
    private StoreFixture store;
    private EventsReceiver eventsApi;
    private HeartbeatReceiver monitor;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        this.infra = infra;
        store = new StoreFixture(infra);
        eventsApi = new EventsReceiver();
        monitor = new HeartbeatReceiver();
        // What an earlier test's outage page left open in the shared Redis must not be resolved here.
        try (RedisConnections redis = new RedisConnections(TestInfrastructure.storeProperties("x", infra.redisUrl()).redis())) {
            redis.connection().orElseThrow().sync().del("oncall:audit:database_unreachable:oneshot");
        }
        store.jdbc.sql("""
                        INSERT INTO worker_heartbeats (worker_id, region, started_at, last_seen_at)
                        VALUES ('w', 'oneshot', :now, :now)""")
                .param("now", Rows.param(Clock.systemUTC().instant())).update();
    }

    @AfterEach
    void tearDown() {
        eventsApi.close();
        monitor.close();
        store.close();
    }

    private int audit(String... more) {
        return auditAgainst(store.dataSource.getJdbcUrl(), more);
    }

    private int auditAgainst(String databaseUrl, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + infra.username(), "--spring.datasource.hikari.connection-timeout=250",
                "--oncall.redis.url=" + infra.redisUrl(), "--oncall.region=oneshot",
                "--oncall.audit.page.url=" + eventsApi.url("/v2/enqueue"), "--oncall.audit.page.routing-key=self"));
        args.addAll(List.of(more));
        return AuditorApplication.runOnce(args.toArray(String[]::new));
    }

    @Test
    void exitsZeroWhenEverythingAgreesAndNonZeroOnAMismatch() {
        assertThat(audit()).isZero();
        assertThat(eventsApi.events()).isEmpty();

        User ann = store.users.create("ann", "Ann", "ann@example.com", "UTC");
        ScheduleInfo s = store.schedules.create(store.teams.createWithAdmin("ops", "", ann.id()).id(), "p", "", "UTC");
        store.layers.replaceAll(s.id(), s.version(), List.of(Layer.of("l", LocalDateTime.parse("2026-01-01T00:00"),
                Rotation.daily(1), List.of(UserRef.of(ann.id())))));
        long version = store.schedules.find(s.id()).orElseThrow().version();
        // Both audited buckets, so the run sees one of them even if it starts in the next bucket.
        Instant bucket = OnCallBuckets.start(Clock.systemUTC().instant());
        try (RedisConnections redis = new RedisConnections(TestInfrastructure.storeProperties("x", infra.redisUrl()).redis())) {
            for (Instant b : List.of(bucket, OnCallBuckets.end(bucket))) {
                redis.connection().orElseThrow().sync().set(new BucketKey(s.id(), version, b).redisKey(), "[]");
            }
        }

        assertThat(audit()).isEqualTo(1);
        assertThat(eventsApi.events("trigger")).singleElement()
                .satisfies(e -> assertThat(e.get("dedup_key")).isEqualTo("oncall-audit/cache_mismatch/oneshot/" + s.id()));
        assertThat(store.count("audit_runs")).isEqualTo(1);
        assertThat(store.jdbc.sql("SELECT mismatches FROM audit_runs WHERE region = 'oneshot'").query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void aRunThatAuditedPingsTheHeartbeatMonitorOnceAndNoneWithoutOne() {
        assertThat(audit("--oncall.audit.heartbeat.url=" + monitor.url(PING_PATH))).isZero();
        assertThat(monitor.pings()).containsExactly(new HeartbeatReceiver.Ping("POST", PING_PATH, 202));

        assertThat(audit()).isZero();
        assertThat(monitor.pings()).hasSize(1);
    }

    @Test
    void aDatabaseItCannotReachIsPagedAndExitsTwoThenResolvedByTheNextRunThatAudits() {
        String heartbeat = "--oncall.audit.heartbeat.url=" + monitor.url(PING_PATH);

        assertThat(auditAgainst(CLOSED_PORT, heartbeat)).isEqualTo(2);
        assertThat(auditAgainst(CLOSED_PORT, heartbeat)).isEqualTo(2);

        assertThat(eventsApi.events("trigger")).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("dedup_key")).isEqualTo("oncall-audit/database_unreachable/oneshot");
            assertThat(e.get("routing_key")).isEqualTo("self");
        });
        assertThat(monitor.received()).isZero();

        assertThat(audit(heartbeat)).isZero();
        assertThat(audit(heartbeat)).isZero();

        assertThat(eventsApi.events("resolve")).singleElement()
                .satisfies(e -> assertThat(e.get("dedup_key")).isEqualTo("oncall-audit/database_unreachable/oneshot"));
        assertThat(monitor.pings()).hasSize(2);
    }

    @Test
    void withOnlyTheFallbackWebhookTheDatabasePageGoesThere() {
        EventsReceiver webhook = new EventsReceiver();
        try (webhook) {
            assertThat(AuditorApplication.runOnce("--spring.datasource.url=" + CLOSED_PORT,
                    "--spring.datasource.hikari.connection-timeout=250", "--oncall.region=oneshot",
                    "--oncall.audit.fallback.webhook-url=" + webhook.url("/hook"))).isEqualTo(2);
            assertThat(webhook.events("trigger")).singleElement().satisfies(e -> {
                assertThat(e.get("dedup_key")).isEqualTo("oncall-audit/database_unreachable/oneshot");
                assertThat(e.get("kind")).isEqualTo("database_unreachable");
                assertThat(e.get("text").toString()).contains("cannot reach the database");
            });
        }
    }

    @Test
    void exitsTwoWhenItCannotAuditAtAll() {
        assertThat(AuditorApplication.runOnce("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                "--spring.datasource.hikari.connection-timeout=250", "--oncall.region=oneshot")).isEqualTo(2);
    }
}
