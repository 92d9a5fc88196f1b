package dev.oncall.worker.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three workers of one region and one of another run a thousand incidents through a three-step
 * policy at once: every step fires exactly once, no intent is duplicated, lateness is recorded.
 */
class MultiWorkerEscalationTest extends EscalationEngineTestBase {

    @Test
    void aThousandIncidentsFireEveryStepExactlyOnceAcrossWorkersAndRegions() {
        List<WorkerNode> eu = List.of(worker("eu-1", "eu"), worker("eu-2", "eu"), worker("eu-3", "eu"));
        WorkerNode us = worker("us-1", "us");
        List<WorkerNode> all = List.of(eu.get(0), eu.get(1), eu.get(2), us);
        trigger("eu", 900, scenario);
        trigger("us", 100, scenario);

        for (int step = 0; step < 3; step++) {
            runUntilNothingDue(all, 120);
            clock.advance(STEP_WAIT);
        }

        // Each step pages one person on push and SMS.
        assertEachPageOnce(3000, 2);
        assertThat(count("SELECT count(*) FROM incidents WHERE current_step = 0 AND loop_count = 1")).isEqualTo(1000);
        assertThat(count("""
                SELECT count(*) FROM notification_attempts a JOIN incidents i ON i.id = a.incident_id
                WHERE a.region <> i.home_region""")).as("each region fired its own incidents").isZero();
        assertThat(all.stream().mapToLong(WorkerNode::fired).sum()).as("lateness recorded per fire").isEqualTo(3000);
        assertThat(eu.stream().filter(w -> w.fired() > 0).count()).as("the region's workers shared the work")
                .isGreaterThan(1);
        assertThat(us.fired()).isEqualTo(300);
        assertThat(all.stream().mapToDouble(w -> w.claims("lease")).sum()).isEqualTo(3000);
        assertThat(count("SELECT count(*) FROM worker_heartbeats")).isEqualTo(4);
    }
}
