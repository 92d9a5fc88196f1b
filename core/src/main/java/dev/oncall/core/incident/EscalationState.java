package dev.oncall.core.incident;

import java.util.Objects;

/**
 * The escalation-relevant part of an incident. {@code step} and {@code loop} name the step that
 * is armed: the next one to page when its timer fires. Loops are numbered without reuse over the
 * incident's life (an acknowledgement timeout starts a new round at {@code loopBase}), so
 * "step s of loop l" identifies one page for ever and notification idempotency keys never clash.
 *
 * @param loopBase  the first loop of the current round; repeats are counted from it
 * @param exhausted the last step of the last repeat passed unanswered and the team was notified
 */
public record EscalationState(IncidentStatus status, int step, int loop, int loopBase, boolean exhausted) {
    public EscalationState {
        Objects.requireNonNull(status, "status");
        if (step < 0 || loop < 0 || loopBase < 0 || loopBase > loop) {
            throw new IllegalArgumentException("invalid escalation position: step " + step + ", loop " + loop
                    + ", base " + loopBase);
        }
    }

    /** A new incident: step 0 of loop 0 armed. */
    public static EscalationState start() {
        return new EscalationState(IncidentStatus.TRIGGERED, 0, 0, 0, false);
    }

    public boolean isAt(int step, int loop) {
        return this.step == step && this.loop == loop;
    }

    /** How many repeats of the policy this round has used so far. */
    public int repeatsUsed() {
        return loop - loopBase;
    }
}
