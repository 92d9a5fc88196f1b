package dev.oncall.worker.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Workers dying, shutting down, Redis going away, a whole region going silent. */
class WorkerFailureTest extends EscalationEngineTestBase {

    @Test
    void aKilledWorkersLeasedTimersAreTakenOverAfterTheLeaseExpiresAndFireOnce() {
        WorkerNode doomed = worker("eu-1", "eu");
        WorkerNode survivor = worker("eu-2", "eu");
        trigger("eu", 50, scenario);
        runUntilNothingDue(List.of(doomed, survivor), 60);
        long survivorBefore = survivor.fired();

        // Step 1 is due in a minute: within the horizon, so the doomed worker leases every step-1 timer...
        clock.advance(STEP_WAIT.minusSeconds(30));
        doomed.runOnce();
        assertThat(doomed.held()).isEqualTo(50);
        doomed.kill();

        // ...and the survivor may fire them only once those leases have expired (3 s TTL).
        clock.advance(Duration.ofSeconds(30));
        runUntilNothingDue(List.of(survivor), 30);
        assertEachPageOnce(100, 2);
        assertThat(survivor.fired() - survivorBefore).as("the survivor fired every step-1 page").isEqualTo(50);
        assertThat(count("SELECT count(*) FROM incidents WHERE current_step = 2")).isEqualTo(50);
    }

    @Test
    void gracefulShutdownGivesLeasesBackAtOnce() {
        EscalationProperties longLeases = new EscalationProperties(true, Duration.ofMinutes(2), Duration.ofSeconds(1),
                5000, 4, Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(30),
                WorkerNode.SETTINGS.redisBreaker(), WorkerNode.SETTINGS.backlogThreshold());
        WorkerNode leaving = new WorkerNode(jdbcUrl, "eu-1", "eu", clock, longLeases);
        workers.add(leaving);
        WorkerNode staying = new WorkerNode(jdbcUrl, "eu-2", "eu", clock, longLeases);
        workers.add(staying);
        trigger("eu", 10, scenario);
        clock.advance(Duration.ofSeconds(-30));
        leaving.runOnce();
        assertThat(leaving.held()).isEqualTo(10);
        leaving.close();

        clock.advance(Duration.ofSeconds(30));
        // With ten-minute leases, only released leases let the other worker fire now.
        assertThat(staying.runOnce()).isEqualTo(10);
        assertEachPageOnce(10, 2);
    }

    @Test
    void redisDownFallsBackToDatabaseClaimsAndLeasesResumeWhenItReturns() {
        List<WorkerNode> eu = List.of(worker("eu-1", "eu"), worker("eu-2", "eu"));
        trigger("eu", 30, scenario);
        runUntilNothingDue(eu, 60);
        double leasedBefore = eu.stream().mapToDouble(w -> w.claims("lease")).sum();
        assertThat(leasedBefore).isEqualTo(30);

        TestInfrastructure infra = TestInfrastructure.get();
        infra.stopRedis();
        try {
            clock.advance(STEP_WAIT);
            runUntilNothingDue(eu, 60);
            assertThat(eu.stream().mapToDouble(w -> w.claims("database")).sum()).isEqualTo(30);
            assertThat(eu.stream().mapToInt(w -> w.leases.breaker().getMetrics().getNumberOfFailedCalls()).sum())
                    .as("Redis was tried and failed").isPositive();
        } finally {
            infra.startRedis();
        }
        clock.advance(STEP_WAIT);
        runUntilNothingDue(eu, 60);
        assertEachPageOnce(90, 2);

        // Once Lettuce has reconnected and the breaker lets Redis back in, new timers are leased
        // again (until then each new incident's first timer is claimed in the database).
        eventually(90, () -> {
            trigger("eu", 1, scenario);
            runTogether(eu);
            return eu.stream().mapToDouble(w -> w.claims("lease")).sum() > leasedBefore;
        });
        assertThat(count("""
                SELECT count(*) FROM (SELECT incident_id, step, loop_count FROM notification_attempts
                                      GROUP BY 1, 2, 3 HAVING count(*) <> 2) d""")).as("every page once").isZero();
    }

    @Test
    void aSilentRegionsOverdueTimersAreAdoptedByAnotherRegionAfterTheGracePeriod() {
        WorkerNode usWorker = worker("us-1", "us");
        usWorker.liveness.beatIfDue(clock.instant());
        usWorker.kill();
        WorkerNode euWorker = worker("eu-1", "eu");
        trigger("us", 10, scenario);

        assertThat(euWorker.runOnce()).as("us is within its grace period").isZero();
        clock.advance(Duration.ofSeconds(31));
        runUntilNothingDue(List.of(euWorker), 30);

        assertEachPageOnce(10, 2);
        assertThat(euWorker.metrics.count("oncall.escalation.timers.adopted", "from_region", "us")).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE region = 'eu'")).isEqualTo(20);
        assertThat(count("SELECT count(*) FROM escalation_timers WHERE region = 'eu'"))
                .as("the adopting region carries the escalation on").isEqualTo(10);
    }
}
