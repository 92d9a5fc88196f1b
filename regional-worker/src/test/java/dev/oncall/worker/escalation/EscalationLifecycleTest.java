package dev.oncall.worker.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.incident.Channel;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.IncidentCommands;
import dev.oncall.store.incident.IncidentEventPublisher;
import dev.oncall.store.oncall.DirectOnCallLookup;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.testing.IncidentScenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The story of an incident as the phones see it, driven through a running engine. */
class EscalationLifecycleTest extends EscalationEngineTestBase {

    private IncidentCommands commands(RedisConnections redis) {
        return new IncidentCommands(store.tx, clock, "eu", new DirectOnCallLookup(store.scheduleLoader),
                new IncidentEventPublisher(redis));
    }

    @Test
    void acknowledgeStopsEscalationAndAnAckTimeoutStartsItAgain() {
        IncidentScenario timed = new IncidentScenario(IncidentScenario.Repositories.of(store), 0, STEP_WAIT,
                Optional.of(Duration.ofMinutes(10)));
        WorkerNode w = worker("eu-1", "eu");
        UUID incident = trigger("eu", 1, timed).getFirst();
        assertThat(w.runOnce()).isEqualTo(1);
        assertThat(commands(w.redis).acknowledge(incident, Actor.user(timed.users.get(0)), Channel.PUSH).ok()).isTrue();

        clock.advance(STEP_WAIT.multipliedBy(5));
        assertThat(w.runOnce()).as("nothing pages an acknowledged incident").isZero();
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE state = 'pending'")).isZero();

        clock.advance(Duration.ofMinutes(5));
        assertThat(w.runOnce()).as("the acknowledgement timed out").isEqualTo(1);
        assertThat(w.runOnce()).as("the new round pages step 0 at once").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE state = 'pending' AND user_id = ?",
                timed.users.get(0))).isEqualTo(2);
    }

    @Test
    void anUnansweredIncidentIsExhaustedAndTheWholeTeamPaged() {
        WorkerNode w = worker("eu-1", "eu");
        UUID incident = trigger("eu", 1, scenario).getFirst();
        int fired = 0;
        for (int i = 0; i < 5; i++) {
            fired += w.runOnce();
            clock.advance(STEP_WAIT);
        }
        assertThat(fired).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM incidents WHERE id = ? AND exhausted", incident)).isEqualTo(1);
        assertThat(count("SELECT count(DISTINCT user_id) FROM notification_attempts WHERE loop_count = 1"))
                .isEqualTo(scenario.users.size());
        assertThat(count("SELECT count(*) FROM incident_events WHERE kind = 'exhausted'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM escalation_timers")).isZero();
    }

    @Test
    void anAcknowledgementRacingStepFiresNeverLeavesAPageBehindIt() {
        List<WorkerNode> eu = List.of(worker("eu-1", "eu"), worker("eu-2", "eu"));
        List<UUID> incidents = trigger("eu", 40, scenario);
        IncidentCommands commands = commands(eu.getFirst().redis);
        var acks = threads.submit(() -> incidents.forEach(
                i -> commands.acknowledge(i, Actor.user(scenario.users.get(0)), Channel.SMS)));
        runTogether(eu);
        try {
            acks.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        runTogether(eu);
        assertThat(count("SELECT count(*) FROM incidents WHERE status = 'acknowledged'")).isEqualTo(40);
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE state = 'pending'")).isZero();
        assertThat(count("SELECT count(*) FROM escalation_timers")).isZero();
    }
}
