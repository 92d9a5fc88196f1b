package dev.oncall.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EscalationTest {
    static final UUID TEAM = UUID.randomUUID();

    static EscalationPolicy policy(int steps, int repeat) {
        List<EscalationStep> list = new java.util.ArrayList<>();
        for (int i = 0; i < steps; i++) {
            list.add(new EscalationStep(Duration.ofMinutes(i + 1),
                    List.of(new StepTarget(TargetType.USER, new UUID(0, i + 1)))));
        }
        return new EscalationPolicy(UUID.randomUUID(), TEAM, "p", "", repeat, 1, list);
    }

    @Test
    void firstFirePagesStepZeroAndArmsStepOneAfterItsWait() {
        FireDecision d = Escalation.fire(EscalationState.start(), policy(3, 0), 0, 0);
        assertThat(d).isInstanceOf(FireDecision.NotifyStep.class);
        FireDecision.NotifyStep n = (FireDecision.NotifyStep) d;
        assertThat(n.step()).isZero();
        assertThat(n.loop()).isZero();
        assertThat(n.targets().targets()).containsExactly(new StepTarget(TargetType.USER, new UUID(0, 1)));
        assertThat(n.next()).isEqualTo(new EscalationState(IncidentStatus.TRIGGERED, 1, 0, 0, false));
        assertThat(n.waitBeforeNext()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void lastStepWrapsToTheNextLoopWhileRepeatsRemain() {
        EscalationState atLast = new EscalationState(IncidentStatus.TRIGGERED, 2, 0, 0, false);
        FireDecision.NotifyStep n = (FireDecision.NotifyStep) Escalation.fire(atLast, policy(3, 1), 2, 0);
        assertThat(n.next()).isEqualTo(new EscalationState(IncidentStatus.TRIGGERED, 0, 1, 0, false));
        assertThat(n.waitBeforeNext()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void afterTheLastRepeatTheNextFireExhausts() {
        EscalationState pastEnd = new EscalationState(IncidentStatus.TRIGGERED, 0, 2, 0, false);
        FireDecision d = Escalation.fire(pastEnd, policy(3, 1), 0, 2);
        assertThat(d).isEqualTo(new FireDecision.Exhaust(2,
                new EscalationState(IncidentStatus.TRIGGERED, 0, 2, 0, true)));
        assertThat(Escalation.fire(((FireDecision.Exhaust) d).next(), policy(3, 1), 0, 2))
                .isInstanceOf(FireDecision.Stale.class);
    }

    @Test
    void acknowledgedResolvedOrMovedOnIncidentsMakeTimersStale() {
        EscalationPolicy p = policy(2, 0);
        assertThat(Escalation.fire(new EscalationState(IncidentStatus.ACKNOWLEDGED, 0, 0, 0, false), p, 0, 0))
                .isInstanceOf(FireDecision.Stale.class);
        assertThat(Escalation.fire(new EscalationState(IncidentStatus.RESOLVED, 0, 0, 0, false), p, 0, 0))
                .isInstanceOf(FireDecision.Stale.class);
        assertThat(Escalation.fire(new EscalationState(IncidentStatus.TRIGGERED, 1, 0, 0, false), p, 0, 0))
                .isInstanceOf(FireDecision.Stale.class);
    }

    @Test
    void escalateNowPagesTheArmedStepEvenWhenAcknowledged() {
        EscalationState acked = new EscalationState(IncidentStatus.ACKNOWLEDGED, 1, 0, 0, false);
        FireDecision.NotifyStep n = (FireDecision.NotifyStep) Escalation.escalateNow(acked, policy(3, 0)).orElseThrow();
        assertThat(n.step()).isEqualTo(1);
        assertThat(n.next().status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(Escalation.escalateNow(new EscalationState(IncidentStatus.RESOLVED, 0, 0, 0, false), policy(1, 0)))
                .isEmpty();
        assertThat(Escalation.escalateNow(new EscalationState(IncidentStatus.TRIGGERED, 0, 1, 0, true), policy(1, 0)))
                .isEmpty();
    }

    @Test
    void ackTimeoutStartsANewRoundInAFreshLoop() {
        EscalationState acked = new EscalationState(IncidentStatus.ACKNOWLEDGED, 2, 1, 0, false);
        assertThat(Escalation.ackTimeout(acked, 1))
                .contains(new EscalationState(IncidentStatus.TRIGGERED, 0, 2, 2, false));
        assertThat(Escalation.ackTimeout(acked, 0)).isEmpty();
        assertThat(Escalation.ackTimeout(new EscalationState(IncidentStatus.RESOLVED, 2, 1, 0, false), 1)).isEmpty();
    }

    @Test
    void repeatsAreCountedFromTheRoundsBaseLoop() {
        EscalationState round = new EscalationState(IncidentStatus.TRIGGERED, 0, 5, 5, false);
        assertThat(Escalation.fire(round, policy(1, 0), 0, 5)).isInstanceOf(FireDecision.NotifyStep.class);
        EscalationState pastEnd = new EscalationState(IncidentStatus.TRIGGERED, 0, 6, 5, false);
        assertThat(Escalation.fire(pastEnd, policy(1, 0), 0, 6)).isInstanceOf(FireDecision.Exhaust.class);
    }

    @Test
    void aPolicyShortenedWhileWaitingPagesItsLastStep() {
        EscalationState armed = new EscalationState(IncidentStatus.TRIGGERED, 4, 0, 0, false);
        FireDecision.NotifyStep n = (FireDecision.NotifyStep) Escalation.fire(armed, policy(2, 0), 4, 0);
        assertThat(n.step()).isEqualTo(1);
        assertThat(n.next()).isEqualTo(new EscalationState(IncidentStatus.TRIGGERED, 0, 1, 0, false));
    }
}
