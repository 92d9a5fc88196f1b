package dev.oncall.worker.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A backlog of overdue timers (after a restart or an outage) is swept in batches by every worker at once. */
class EscalationBacklogTest extends EscalationEngineTestBase {

    @Test
    void threeWorkersSweepingOneBacklogFireEveryStepExactlyOnce() {
        EscalationProperties lowThreshold = new EscalationProperties(true, Duration.ofMinutes(2), Duration.ofSeconds(1),
                5000, 4, Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(30),
                WorkerNode.SETTINGS.redisBreaker(), 50);
        List<WorkerNode> eu = List.of(node("eu-1", lowThreshold), node("eu-2", lowThreshold),
                node("eu-3", lowThreshold));
        trigger("eu", 300, scenario);

        for (int step = 0; step < 2; step++) {
            // The workers were away: every incident's timer is overdue when they poll.
            clock.advance(Duration.ofSeconds(10));
            assertThat(runTogether(eu)).isEqualTo(300);
            clock.advance(STEP_WAIT);
        }

        assertEachPageOnce(600, 2);
        assertThat(eu.stream().mapToDouble(w -> w.claims("database")).sum()).as("all swept").isEqualTo(600);
        assertThat(eu.stream().mapToDouble(w -> w.claims("lease")).sum()).isZero();
        assertThat(eu.stream().mapToInt(WorkerNode::held).sum()).as("nothing left held").isZero();
        assertThat(count("SELECT count(*) FROM incidents WHERE current_step = 2")).isEqualTo(300);
    }

    private WorkerNode node(String id, EscalationProperties settings) {
        WorkerNode w = new WorkerNode(jdbcUrl, id, "eu", clock, settings);
        workers.add(w);
        return w;
    }
}
