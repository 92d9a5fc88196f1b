package dev.oncall.auditor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import dev.oncall.auditor.HeartbeatReceiver;
import dev.oncall.auditor.heartbeat.HeartbeatPing;
import dev.oncall.auditor.outage.DatabaseOutagePage;
import dev.oncall.platform.db.DatabaseKind;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A pass as the world outside sees it: the heartbeat ping after an audit, the page when the database is gone. */
@ExtendWith(WithInfrastructure.class)
class AuditPassTest {
    private static final Instant START = Instant.parse("2026-03-08T05:00:00Z");
    private static final String PING_PATH = "/integrations/heartbeat/0123456789abcdef0123456789abcdef";
    private static final String DEDUP_KEY = "oncall-audit/database_unreachable/" + AuditFixture.REGION;

    private AuditFixture system;
    private HeartbeatReceiver monitor;
    private RedisConnections noRedis;
    private HikariDataSource closedPort;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        system = new AuditFixture(infra, START);
        system.hourlySchedule("primary", 2);
        system.workersRun();
        monitor = new HeartbeatReceiver();
        noRedis = new RedisConnections(TestInfrastructure.storeProperties(AuditFixture.REGION, "").redis());
        // Configured like Spring Boot's: the pool starts on the first connection asked for.
        closedPort = new HikariDataSource();
        closedPort.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/none");
        closedPort.setConnectionTimeout(250);
    }

    @AfterEach
    void tearDown() {
        closedPort.close();
        noRedis.close();
        monitor.close();
        system.close();
    }

    private HeartbeatPing ping(String url, Duration timeout, int attempts) {
        return new HeartbeatPing(url, timeout, attempts, system.meters);
    }

    private AuditPass pass(HeartbeatPing ping) {
        return new AuditPass(() -> system.auditor, outagePage(), ping);
    }

    /** A pass that cannot reach the database while {@code databaseGone} is true. */
    private AuditPass passWhile(AtomicBoolean databaseGone, HeartbeatPing ping) {
        // What building the auditor does first: ask the database which one it is.
        return new AuditPass(() -> {
            if (databaseGone.get()) {
                DatabaseKind.of(closedPort);
            }
            return system.auditor;
        }, outagePage(), ping);
    }

    private DatabaseOutagePage outagePage() {
        return new DatabaseOutagePage(system.pager, noRedis, AuditFixture.REGION, Duration.ofDays(30), system.clock,
                system.meters);
    }

    private double heartbeats(String outcome) {
        return system.meters.counter("oncall.audit.heartbeats", "outcome", outcome).count();
    }

    @Test
    void aPassThatAuditedPingsTheMonitorOnce() {
        Optional<AuditResult> result = pass(ping(monitor.url(PING_PATH), Duration.ofSeconds(2), 3)).run();

        assertThat(result).hasValueSatisfying(r -> assertThat(r.exitCode()).isZero());
        assertThat(monitor.pings()).containsExactly(new HeartbeatReceiver.Ping("POST", PING_PATH, 202));
        assertThat(heartbeats("sent")).isEqualTo(1);
    }

    @Test
    void aPassThatFoundAMismatchStillPings() {
        // The workers stop: their region falls silent, which the audit pages on its own.
        system.clock.set(START.plus(Duration.ofMinutes(5)));

        Optional<AuditResult> result = pass(ping(monitor.url(PING_PATH), Duration.ofSeconds(2), 3)).run();

        assertThat(result).hasValueSatisfying(r -> assertThat(r.exitCode()).isEqualTo(1));
        assertThat(system.eventsApi.events("trigger")).isNotEmpty();
        assertThat(monitor.pings()).hasSize(1);
    }

    @Test
    void withoutAMonitorNothingIsPinged() {
        Optional<AuditResult> result = pass(ping("", Duration.ofSeconds(2), 3)).run();

        assertThat(result).hasValueSatisfying(r -> assertThat(r.exitCode()).isZero());
        assertThat(monitor.received()).isZero();
        assertThat(heartbeats("sent") + heartbeats("failed")).isZero();
    }

    @Test
    void aMonitorAnswering500IsAskedAgain() {
        monitor.answer(500);

        Optional<AuditResult> result = pass(ping(monitor.url(PING_PATH), Duration.ofSeconds(2), 3)).run();

        assertThat(result).hasValueSatisfying(r -> assertThat(r.exitCode()).isZero());
        assertThat(monitor.pings()).extracting(HeartbeatReceiver.Ping::answered).containsExactly(500, 202);
        assertThat(heartbeats("sent")).isEqualTo(1);
        assertThat(heartbeats("failed")).isZero();
    }

    @Test
    void aPingThatFailsIsCountedAndLeavesTheAuditAsItWas() {
        monitor.answer(500, 503);

        Optional<AuditResult> result = pass(ping(monitor.url(PING_PATH), Duration.ofSeconds(2), 2)).run();

        assertThat(result).hasValueSatisfying(r -> {
            assertThat(r.exitCode()).isZero();
            assertThat(r.pagesFailed()).isZero();
        });
        assertThat(monitor.pings()).extracting(HeartbeatReceiver.Ping::answered).containsExactly(500, 503);
        assertThat(heartbeats("failed")).isEqualTo(1);
    }

    @Test
    void aMonitorThatNeverAnswersHoldsThePassNoLongerThanItsTimeouts() {
        monitor.neverAnswer();
        AuditPass pass = pass(ping(monitor.url(PING_PATH), Duration.ofMillis(300), 2));

        // Two attempts of 300 ms and one backoff of at most 300 ms, with room for a slow machine.
        Optional<AuditResult> result = assertTimeoutPreemptively(Duration.ofSeconds(10), pass::run);

        assertThat(result).hasValueSatisfying(r -> assertThat(r.exitCode()).isZero());
        assertThat(monitor.received()).isEqualTo(2);
        assertThat(heartbeats("failed")).isEqualTo(1);
    }

    @Test
    void eachPassWithoutTheDatabasePagesOneIncidentAndTheFirstPassWithItResolvesIt() {
        AtomicBoolean databaseGone = new AtomicBoolean(true);
        AuditPass pass = passWhile(databaseGone, ping(monitor.url(PING_PATH), Duration.ofSeconds(2), 3));

        assertThat(pass.run()).isEmpty();
        assertThat(pass.run()).isEmpty();

        assertThat(system.eventsApi.events("trigger")).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("dedup_key")).isEqualTo(DEDUP_KEY);
            assertThat(e.get("routing_key")).isEqualTo("self-monitoring-key");
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = (Map<String, Object>) e.get("payload");
            assertThat(payload.get("summary").toString()).contains("cannot reach the database");
            assertThat(payload.get("class")).isEqualTo("database_unreachable");
        });
        assertThat(monitor.received()).isZero();

        databaseGone.set(false);
        assertThat(pass.run()).hasValueSatisfying(r -> assertThat(r.exitCode()).isZero());
        assertThat(pass.run()).hasValueSatisfying(r -> assertThat(r.exitCode()).isZero());

        assertThat(system.eventsApi.events("resolve")).singleElement()
                .satisfies(e -> assertThat(e.get("dedup_key")).isEqualTo(DEDUP_KEY));
        assertThat(monitor.pings()).hasSize(2);
    }

    @Test
    void aResolveNoChannelTakesFailsThePassAndIsSentByTheNext() {
        AtomicBoolean databaseGone = new AtomicBoolean(true);
        AuditPass pass = passWhile(databaseGone, ping("", Duration.ofSeconds(2), 1));
        assertThat(pass.run()).isEmpty();
        databaseGone.set(false);
        system.eventsApi.answer(500);
        system.fallback.answer(500);

        assertThat(pass.run()).hasValueSatisfying(r -> assertThat(r.exitCode()).isEqualTo(1));

        system.eventsApi.answer(202);
        assertThat(pass.run()).hasValueSatisfying(r -> assertThat(r.exitCode()).isZero());
        assertThat(system.eventsApi.events("resolve")).singleElement()
                .satisfies(e -> assertThat(e.get("dedup_key")).isEqualTo(DEDUP_KEY));
    }

    @Test
    void otherFailuresAreNeitherPagedNorPinged() {
        AuditPass pass = new AuditPass(() -> {
            throw new IllegalStateException("a bug");
        }, outagePage(), ping(monitor.url(PING_PATH), Duration.ofSeconds(2), 3));

        assertThatThrownBy(pass::run).hasMessage("a bug");
        assertThat(system.eventsApi.events()).isEmpty();
        assertThat(monitor.received()).isZero();
    }
}
