package dev.oncall.store.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.incident.Channel;
import dev.oncall.store.incident.EscalationFiring.Outcome;
import dev.oncall.store.oncall.DirectOnCallLookup;
import dev.oncall.store.testing.IncidentScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Firing a region's due timers a batch at a time: the backlog catch-up and the Redis-down mode. */
class EscalationSweepTest extends IncidentTestBase {
    private static final int BACKLOG = 120;

    private EscalationSweep sweep() {
        return new EscalationSweep(store.tx, clock, new PageResolver(store.tx,
                new DirectOnCallLookup(store.scheduleLoader), snapshots, CONFIG_READ_TIMEOUT, meters),
                new IncidentEventPublisher(redis));
    }

    @Test
    void workersSweepingOneBacklogWhilePerTimerFiresRaceThemFireEveryStepOnce() throws Exception {
        for (int i = 0; i < BACKLOG; i++) {
            trigger(scenario.service, "backlog-" + i);
        }
        for (int round = 0; round < 2; round++) {
            List<DueTimer> due = timers.dueBy(REGION, clock.instant(), 10_000);
            assertThat(due).hasSize(BACKLOG);
            ExecutorService workers = Executors.newFixedThreadPool(5);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> advanced = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    EscalationSweep sweep = sweep();
                    advanced.add(workers.submit(() -> {
                        go.await();
                        int n = 0;
                        EscalationSweep.Batch batch;
                        do {
                            batch = sweep.fireDue(REGION, 7);
                            n += (int) batch.fired().stream().filter(EscalationSweep.Fired::advanced).count();
                        } while (batch.claimed() > 0);
                        return n;
                    }));
                }
                // A worker still firing timer by timer (leases held) races the sweeps.
                advanced.add(workers.submit(() -> {
                    go.await();
                    int n = 0;
                    for (DueTimer t : due.reversed()) {
                        n += firing.fire(t, REGION) == Outcome.STEP_FIRED ? 1 : 0;
                    }
                    return n;
                }));
                go.countDown();
                int total = 0;
                for (Future<Integer> f : advanced) {
                    total += f.get(120, TimeUnit.SECONDS);
                }
                assertThat(total).as("round %d: each timer fired by exactly one worker", round).isEqualTo(BACKLOG);
            } finally {
                workers.shutdownNow();
            }
            clock.advance(Duration.ofMinutes(5));
        }
        assertThat(count("SELECT count(*) FROM incident_events WHERE kind = 'step_fired'")).isEqualTo(2 * BACKLOG);
        assertThat(count("""
                SELECT count(*) FROM (SELECT incident_id, data->>'step', data->>'loop' FROM incident_events
                                      WHERE kind = 'step_fired' GROUP BY 1, 2, 3 HAVING count(*) > 1) d""")).isZero();
        assertThat(count("SELECT count(*) FROM notification_attempts")).as("push and SMS per page").isEqualTo(4 * BACKLOG);
        assertThat(count("SELECT count(*) FROM incidents WHERE current_step = 2")).isEqualTo(BACKLOG);
        assertThat(count("SELECT count(*) FROM escalation_timers")).as("each incident's step-2 timer").isEqualTo(BACKLOG);
    }

    @Test
    void aSweepRetriggersTimedOutAcknowledgementsAndDropsStaleTimersWithoutPaging() {
        IncidentScenario timed = scenario(0, Optional.of(Duration.ofMinutes(30)));
        UUID acked = trigger(timed.service, "acked").incidentId().orElseThrow();
        UUID moved = trigger(scenario.service, "moved").incidentId().orElseThrow();
        assertThat(sweep().fireDue(REGION, 10).fired()).extracting(EscalationSweep.Fired::outcome)
                .containsOnly(Outcome.STEP_FIRED).hasSize(2);
        commands.acknowledge(acked, Actor.user(timed.users.get(0)), Channel.PUSH);
        // A leftover timer for a step the incident has already passed.
        store.jdbc.sql("""
                        INSERT INTO escalation_timers (incident_id, kind, step, loop_count, due_at, region, created_at)
                        VALUES (?, 'step', 0, 0, ?, ?, ?)""")
                .params(moved, dev.oncall.platform.db.Rows.param(clock.instant()), REGION,
                        dev.oncall.platform.db.Rows.param(clock.instant())).update();

        clock.advance(Duration.ofMinutes(30));
        EscalationSweep.Batch batch = sweep().fireDue(REGION, 10);
        assertThat(batch.fired()).extracting(f -> f.timer().incidentId(), EscalationSweep.Fired::outcome)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(moved, Outcome.STALE),
                        org.assertj.core.groups.Tuple.tuple(acked, Outcome.RETRIGGERED));
        assertThat(kinds(acked)).containsSubsequence("acknowledged", "retriggered");
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE incident_id = ?", moved))
                .as("the stale timer paged nobody").isEqualTo(2);
        assertThat(sweep().fireDue(REGION, 10).fired()).extracting(f -> f.timer().incidentId(),
                        EscalationSweep.Fired::outcome)
                .as("moved's step 1 and acked's new first step")
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(moved, Outcome.STEP_FIRED),
                        org.assertj.core.groups.Tuple.tuple(acked, Outcome.STEP_FIRED));
    }
}
