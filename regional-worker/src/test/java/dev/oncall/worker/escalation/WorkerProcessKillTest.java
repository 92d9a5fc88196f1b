package dev.oncall.worker.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.testing.TestInfrastructure;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker process killed with SIGKILL in the middle of firing a burst of timers: what it had
 * leased is fired by the survivor once the leases expire, and no step fires twice.
 */
class WorkerProcessKillTest extends EscalationEngineTestBase {
    private static final int TIMERS = 60;

    @Test
    void aWorkerKilledMidRunHasItsLeasedTimersTakenOverAndNothingFiresTwice() throws Exception {
        trigger("eu", TIMERS, scenario);
        // Park the first steps a day ahead until the doomed worker is up.
        store.jdbc.sql("UPDATE escalation_timers SET due_at = now() + INTERVAL '1 day'").update();
        TestInfrastructure infra = TestInfrastructure.get();
        Process doomed = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName(),
                jdbcUrl, infra.username(), infra.redisUrl(), "eu-doomed", "eu")
                .redirectErrorStream(true).start();
        BlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(doomed.getInputStream(),
                    StandardCharsets.UTF_8))) {
                in.lines().forEach(output::add);
            } catch (java.io.IOException e) {
                // The process died: nothing more to read.
            }
        });
        try {
            awaitLine(output, WorkerProcess.READY, 60);
            // A burst: one timer due every 100 ms from two seconds on.
            store.jdbc.sql("""
                    UPDATE escalation_timers t SET due_at = now() + INTERVAL '2 seconds'
                                                     + n.rank * INTERVAL '100 milliseconds'
                    FROM (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM escalation_timers) n
                    WHERE n.id = t.id""").update();
            eventually(60, () -> count("SELECT count(*) FROM incident_events WHERE kind = 'step_fired'") >= TIMERS / 4);
            long leasedAtKill = leaseKeys();
            doomed.destroyForcibly();
            assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int firedByDoomed = count("SELECT count(*) FROM incident_events WHERE kind = 'step_fired'");
            assertThat(leasedAtKill).as("the doomed worker held leases when it died").isPositive();
            assertThat(firedByDoomed).as("killed mid-run").isBetween(TIMERS / 4, TIMERS - 1);

            WorkerNode survivor = new WorkerNode(jdbcUrl, "eu-survivor", "eu", Clock.systemUTC());
            workers.add(survivor);
            survivor.start();
            eventually(60, () -> count("SELECT count(*) FROM incident_events WHERE kind = 'step_fired'") >= TIMERS);

            System.out.printf("worker killed after %d fires holding %d leases; the survivor fired %d, %.0f ms late at most%n",
                    firedByDoomed, leasedAtKill, survivor.fired(), survivor.metrics.lateness().max(TimeUnit.MILLISECONDS));
            assertEachPageOnce(TIMERS, 2);
            assertThat(survivor.fired()).isEqualTo(TIMERS - firedByDoomed);
            // Taken over within the lease TTL (plus a poll and a start): no fire was later than that.
            double lateTolerance = WorkerNode.SETTINGS.leaseTtl().plus(Duration.ofSeconds(5)).toMillis();
            assertThat(survivor.metrics.lateness().max(TimeUnit.MILLISECONDS)).isLessThan(lateTolerance);
        } finally {
            doomed.destroyForcibly();
        }
    }

    private long leaseKeys() {
        return redis.connection().orElseThrow().sync().keys("oncall:timer-lease:*").size();
    }

    private static void awaitLine(BlockingQueue<String> output, String wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && line.contains(wanted)) {
                return;
            }
        }
        throw new AssertionError("the worker process did not start within " + seconds + " s");
    }
}
