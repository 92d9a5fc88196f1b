package dev.oncall.core.incident;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import java.util.Optional;

/**
 * The escalation state machine: pure decisions about what a timer firing, a manual escalation
 * or an acknowledgement timeout does to an incident. The store applies a decision with a
 * conditional update on exactly the state it was made from, so a decision taken twice (two
 * workers, a retry) takes effect once.
 *
 * <p>Positions run step 0..n-1 of loop 0, then of loop 1, ... up to loop {@code repeatCount}
 * (relative to the round's base loop). The position after the last step of the last repeat
 * is step 0 of loop {@code repeatCount + 1}: firing it exhausts the incident.
 */
public final class Escalation {
    private Escalation() {}

    /** Decides what firing the timer for {@code step} of {@code loop} does to {@code state}. */
    public static FireDecision fire(EscalationState state, EscalationPolicy policy, int step, int loop) {
        if (state.status().transition(StatusCommand.PAGE) instanceof StatusTransition.Refused r) {
            return new FireDecision.Stale(r.reason());
        }
        if (state.exhausted()) {
            return new FireDecision.Stale("incident is already exhausted");
        }
        if (!state.isAt(step, loop)) {
            return new FireDecision.Stale("incident is at step " + state.step() + " of loop " + state.loop()
                    + ", not step " + step + " of loop " + loop);
        }
        return advance(state, policy);
    }

    /**
     * "Escalate now": page the armed step at once instead of waiting for its timer. Allowed
     * while triggered or acknowledged (an acknowledged incident escalated by hand pages again);
     * not once resolved, nor once exhausted (the whole team was already paged).
     */
    public static Optional<FireDecision> escalateNow(EscalationState state, EscalationPolicy policy) {
        if (!(state.status().transition(StatusCommand.ESCALATE) instanceof StatusTransition.Moves) || state.exhausted()) {
            return Optional.empty();
        }
        EscalationState triggered = new EscalationState(IncidentStatus.TRIGGERED, state.step(), state.loop(),
                state.loopBase(), false);
        return Optional.of(advance(triggered, policy));
    }

    private static FireDecision advance(EscalationState state, EscalationPolicy policy) {
        int steps = policy.steps().size();
        if (state.repeatsUsed() > policy.repeatCount()) {
            return new FireDecision.Exhaust(state.loop(), new EscalationState(IncidentStatus.TRIGGERED,
                    state.step(), state.loop(), state.loopBase(), true));
        }
        // A policy edited to fewer steps while this incident waited: the armed step no longer
        // exists, so page the last one (the page the edited policy would be giving now).
        int step = Math.min(state.step(), steps - 1);
        EscalationStep current = policy.steps().get(step);
        EscalationState next = step + 1 < steps
                ? new EscalationState(IncidentStatus.TRIGGERED, step + 1, state.loop(), state.loopBase(), false)
                : new EscalationState(IncidentStatus.TRIGGERED, 0, state.loop() + 1, state.loopBase(), false);
        return new FireDecision.NotifyStep(step, state.loop(), current, next, current.escalateAfter());
    }

    /**
     * An acknowledgement timed out: if the incident is still acknowledged in the round the timer
     * was set in, it returns to triggered and a new round starts at step 0 of a fresh loop.
     */
    public static Optional<EscalationState> ackTimeout(EscalationState state, int loopOfTimer) {
        if (!(state.status().transition(StatusCommand.RETRIGGER) instanceof StatusTransition.Moves)
                || state.loop() != loopOfTimer) {
            return Optional.empty();
        }
        int loop = state.loop() + 1;
        return Optional.of(new EscalationState(IncidentStatus.TRIGGERED, 0, loop, loop, false));
    }
}
