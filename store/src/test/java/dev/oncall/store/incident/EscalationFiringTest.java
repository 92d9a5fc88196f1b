package dev.oncall.store.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.escalation.TimerKind;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.store.testing.IncidentScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EscalationFiringTest extends IncidentTestBase {

    @Test
    void eachStepPagesItsTargetsWithTheirRulesThenArmsTheNextAfterItsWait() {
        UUID incident = trigger(scenario.service, "s").incidentId().orElseThrow();
        Instant start = clock.instant();
        assertThat(fireDue()).isEqualTo(1);
        // Step 0 targets the schedule, whose on-call user is the first responder: push now, SMS in a minute.
        assertThat(store.jdbc.sql("""
                        SELECT idempotency_key, channel, not_before FROM notification_attempts ORDER BY not_before""")
                .query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|"
                        + rs.getObject(3, java.time.OffsetDateTime.class).toInstant()).list())
                .containsExactly(
                        incident + ":0:0:" + scenario.users.get(0) + ":" + scenario.methods.get(0).id() + "|push|" + start,
                        incident + ":0:0:" + scenario.users.get(0) + ":" + scenario.methods.get(1).id() + "|sms|"
                                + start.plusSeconds(60));
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE region = ? AND state = 'pending'", REGION))
                .isEqualTo(2);
        assertThat(reads.find(incident).orElseThrow().assignees()).extracting(IncidentDetail.Assignee::userId)
                .containsExactly(scenario.users.get(0));

        clock.advance(Duration.ofMinutes(4));
        assertThat(fireDue()).as("step 1 waits five minutes").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(fireDue()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(fireDue()).isEqualTo(1);
        assertThat(count("SELECT count(DISTINCT user_id) FROM notification_attempts")).isEqualTo(3);
        assertThat(kinds(incident).stream().filter("step_fired"::equals)).hasSize(3);
    }

    @Test
    void afterTheLastRepeatTheWholeTeamIsPagedAndTheIncidentExhausted() {
        IncidentScenario once = scenario(1, Optional.empty());
        UUID incident = trigger(once.service, "x").incidentId().orElseThrow();
        int fired = 0;
        for (int i = 0; i < 8; i++) {
            fired += fireDue();
            clock.advance(Duration.ofMinutes(5));
        }
        assertThat(fired).as("3 steps x 2 loops + exhaustion").isEqualTo(7);
        Incident done = reads.get(incident).orElseThrow();
        assertThat(done.exhausted()).isTrue();
        assertThat(done.status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(store.count("escalation_timers")).isZero();
        assertThat(kinds(incident)).contains("exhausted");
        assertThat(count("SELECT count(DISTINCT user_id) FROM notification_attempts WHERE loop_count = 2"))
                .as("every member paged on exhaustion").isEqualTo(3);
        assertThat(count("""
                SELECT count(*) FROM (SELECT incident_id, step, loop_count, user_id, contact_method_id
                                      FROM notification_attempts GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1) d"""))
                .isZero();
    }

    @Test
    void aTimerFiredTwiceOrByTwoWorkersAtOncePagesOnce() throws Exception {
        trigger(scenario.service, "dup");
        DueTimer timer = timers.dueBy(REGION, clock.instant(), 1).getFirst();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<EscalationFiring.Outcome>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return firing.fire(timer, REGION);
                }));
            }
            go.countDown();
            int fired = 0;
            for (var o : outcomes) {
                fired += o.get() == EscalationFiring.Outcome.STEP_FIRED ? 1 : 0;
            }
            assertThat(fired).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(firing.fire(timer, REGION)).isIn(EscalationFiring.Outcome.CLAIMED_ELSEWHERE,
                EscalationFiring.Outcome.STALE);
        assertThat(store.count("notification_attempts")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM incident_events WHERE kind = 'step_fired'")).isEqualTo(1);
    }

    @Test
    void aRaceOfAcknowledgeAndStepFireNeverLeavesAPageAfterTheAcknowledgement() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20; i++) {
                UUID incident = trigger(scenario.service, "race-" + i).incidentId().orElseThrow();
                DueTimer timer = timers.dueBy(REGION, clock.instant(), 100).stream()
                        .filter(t -> t.incidentId().equals(incident)).findFirst().orElseThrow();
                CountDownLatch go = new CountDownLatch(1);
                Future<?> fire = pool.submit(() -> {
                    go.await();
                    return firing.fire(timer, REGION);
                });
                Future<CommandResult> ack = pool.submit(() -> {
                    go.await();
                    return commands.acknowledge(incident, Actor.user(scenario.users.get(0)), Channel.SMS);
                });
                go.countDown();
                fire.get();
                assertThat(ack.get().ok()).isTrue();
                assertThat(count("SELECT count(*) FROM notification_attempts WHERE incident_id = ? AND state = 'pending'",
                        incident)).isZero();
                assertThat(count("SELECT count(*) FROM escalation_timers WHERE incident_id = ?", incident)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAcknowledgementThatTimesOutTriggersTheIncidentAgainFromTheFirstStep() {
        IncidentScenario timed = scenario(0, Optional.of(Duration.ofMinutes(30)));
        UUID incident = trigger(timed.service, "ack-timeout").incidentId().orElseThrow();
        fireDue();
        commands.acknowledge(incident, Actor.user(timed.users.get(0)), Channel.PUSH);
        assertThat(timers.dueBy(REGION, clock.instant().plus(Duration.ofDays(1)), 10)).singleElement()
                .satisfies(t -> assertThat(t.kind()).isEqualTo(TimerKind.ACK_TIMEOUT));

        clock.advance(Duration.ofMinutes(30));
        assertThat(fireDue()).isEqualTo(1);
        Incident again = reads.get(incident).orElseThrow();
        assertThat(again.status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(again.loopCount()).isEqualTo(1);
        assertThat(again.loopBase()).isEqualTo(1);
        assertThat(fireDue()).as("the new round's first step is due at once").isEqualTo(1);
        assertThat(kinds(incident)).containsSubsequence("acknowledged", "retriggered", "step_fired");
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE loop_count = 1 AND state = 'pending'"))
                .isEqualTo(2);
    }

    @Test
    void aResolvedIncidentsLeftoverTimerIsDroppedWithoutPaging() {
        UUID incident = trigger(scenario.service, "gone").incidentId().orElseThrow();
        DueTimer timer = timers.dueBy(REGION, clock.instant(), 1).getFirst();
        commands.resolve(incident, Actor.system("t"), Channel.GRAPHQL);
        assertThat(firing.fire(timer, REGION)).isIn(EscalationFiring.Outcome.CLAIMED_ELSEWHERE,
                EscalationFiring.Outcome.STALE);
        assertThat(store.count("notification_attempts")).isZero();
    }

    @Test
    void overdueTimersOfASilentRegionAreAdoptable() {
        trigger(scenario.service, "silent");
        store.jdbc.sql("UPDATE escalation_timers SET region = 'us'").update();
        Duration grace = Duration.ofSeconds(30);
        assertThat(timers.adoptable(REGION, clock.instant(), grace, 10)).hasSize(1);
        store.jdbc.sql("""
                        INSERT INTO worker_heartbeats (worker_id, region, started_at, last_seen_at)
                        VALUES ('us-1', 'us', :t, :t)""")
                .param("t", dev.oncall.platform.db.Rows.param(clock.instant().minusSeconds(10))).update();
        assertThat(timers.adoptable(REGION, clock.instant(), grace, 10)).as("us is alive").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(timers.adoptable(REGION, clock.instant(), grace, 10)).as("us went silent").hasSize(1);
        assertThat(timers.adoptable("us", clock.instant(), grace, 10)).as("never one's own").isEmpty();
    }
}
