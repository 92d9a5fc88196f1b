package dev.oncall.worker.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.incident.Channel;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.AlertEvent;
import dev.oncall.store.incident.IncidentCommands;
import dev.oncall.store.incident.IncidentEventPublisher;
import dev.oncall.store.oncall.DirectOnCallLookup;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.testing.IncidentScenario;
import dev.oncall.store.testing.MutableClock;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A fresh database with a paged team, a driven clock, and workers built on demand. */
@ExtendWith(WithInfrastructure.class)
abstract class EscalationEngineTestBase {
    static final Duration STEP_WAIT = Duration.ofMinutes(1);
    final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T08:00:00Z"));
    final List<WorkerNode> workers = new ArrayList<>();
    final ExecutorService threads = Executors.newCachedThreadPool();
    /** What graph-api would publish wake-ups with. */
    final RedisConnections redis = new RedisConnections(
            TestInfrastructure.storeProperties("test", TestInfrastructure.get().redisUrl()).redis());
    StoreFixture store;
    String jdbcUrl;
    IncidentScenario scenario;

    @BeforeEach
    void setUpDatabase() {
        store = new StoreFixture(TestInfrastructure.get());
        jdbcUrl = store.dataSource.getJdbcUrl();
        scenario = new IncidentScenario(IncidentScenario.Repositories.of(store), 0, STEP_WAIT, Optional.empty());
    }

    @AfterEach
    void tearDown() {
        redis.close();
        threads.shutdownNow();
        workers.forEach(w -> {
            if (!w.dataSource.isClosed()) {
                w.close();
            }
        });
        store.close();
    }

    WorkerNode worker(String id, String region) {
        WorkerNode w = new WorkerNode(jdbcUrl, id, region, clock);
        workers.add(w);
        return w;
    }

    /** Opens {@code n} incidents homed in {@code region}, as graph-api in that region would. */
    List<UUID> trigger(String region, int n, IncidentScenario on) {
        try {
            IncidentCommands commands = new IncidentCommands(store.tx, clock, region,
                    new DirectOnCallLookup(store.scheduleLoader), new IncidentEventPublisher(redis));
            List<Future<UUID>> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String key = region + "-" + i + "-" + UUID.randomUUID();
                ids.add(threads.submit(() -> commands.trigger(on.service,
                        AlertEvent.trigger(key, "cpu high", "host", "error", "{}"), Actor.integration("test"),
                        Channel.EVENTS_V2).incidentId().orElseThrow()));
            }
            List<UUID> out = new ArrayList<>();
            for (Future<UUID> f : ids) {
                out.add(f.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every given worker runs (polls and fires) at the same time, once. Running workers write a
     * heartbeat every few seconds; the test clock jumps minutes, so each writes one first, as it
     * would have meanwhile (otherwise a live region would look silent and be adopted).
     */
    int runTogether(List<WorkerNode> nodes) {
        nodes.forEach(w -> w.liveness.beatIfDue(clock.instant()));
        List<Future<Integer>> runs = new ArrayList<>();
        nodes.forEach(w -> runs.add(threads.submit(() -> w.runOnce())));
        int fired = 0;
        for (Future<Integer> f : runs) {
            try {
                fired += f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return fired;
    }

    /** Runs the workers until no timer due by the clock is left, or fails after {@code seconds} of real time. */
    void runUntilNothingDue(List<WorkerNode> nodes, int seconds) {
        eventually(seconds, () -> {
            runTogether(nodes);
            return count("SELECT count(*) FROM escalation_timers WHERE due_at <= ?",
                    dev.oncall.platform.db.Rows.param(clock.instant())) == 0;
        });
    }

    /** Polls {@code condition} until it holds; fails when {@code seconds} of real time pass first. */
    static void eventually(int seconds, BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(seconds)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }

    int count(String sql, Object... params) {
        return store.jdbc.sql(sql).params(List.of(params)).query(Integer.class).single();
    }

    /** Every (incident, step, loop) was paged once and every intent exists once. */
    void assertEachPageOnce(int expectedSteps, int intentsPerStep) {
        assertThat(count("SELECT count(*) FROM incident_events WHERE kind = 'step_fired'")).isEqualTo(expectedSteps);
        assertThat(count("""
                SELECT count(*) FROM (SELECT incident_id, data->>'step', data->>'loop' FROM incident_events
                                      WHERE kind = 'step_fired' GROUP BY 1, 2, 3 HAVING count(*) > 1) d""")).isZero();
        assertThat(count("SELECT count(*) FROM notification_attempts")).isEqualTo(expectedSteps * intentsPerStep);
        assertThat(count("SELECT count(DISTINCT idempotency_key) FROM notification_attempts"))
                .isEqualTo(expectedSteps * intentsPerStep);
        assertThat(count("""
                SELECT count(*) FROM (SELECT incident_id, step, loop_count FROM notification_attempts
                                      GROUP BY 1, 2, 3 HAVING count(*) <> ?) d""", intentsPerStep)).isZero();
    }
}
