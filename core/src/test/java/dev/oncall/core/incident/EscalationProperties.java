package dev.oncall.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.escalation.EscalationPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class EscalationProperties {

    /** Following each decision's own next state, a policy pages every (step, loop) once, in order, then exhausts. */
    @Property
    void everyStepOfEveryRepeatIsPagedExactlyOnceThenTheIncidentExhausts(
            @ForAll @IntRange(min = 1, max = 6) int steps, @ForAll @IntRange(min = 0, max = 9) int repeat) {
        EscalationPolicy policy = EscalationTest.policy(steps, repeat);
        EscalationState state = EscalationState.start();
        Set<List<Integer>> paged = new HashSet<>();
        int fires = 0;
        while (true) {
            FireDecision d = Escalation.fire(state, policy, state.step(), state.loop());
            fires++;
            if (d instanceof FireDecision.NotifyStep n) {
                assertThat(paged.add(List.of(n.step(), n.loop()))).isTrue();
                assertThat(n.next().loop() * steps + n.next().step()).isEqualTo(n.loop() * steps + n.step() + 1);
                state = n.next();
            } else {
                assertThat(d).isInstanceOf(FireDecision.Exhaust.class);
                state = ((FireDecision.Exhaust) d).next();
                break;
            }
        }
        assertThat(paged).hasSize(steps * (repeat + 1));
        assertThat(fires).isEqualTo(steps * (repeat + 1) + 1);
        assertThat(state.exhausted()).isTrue();
    }

    /** Re-delivering any timer of the past (a duplicate, a late worker) never pages again. */
    @Property
    void replayedTimersAreAlwaysStale(@ForAll @IntRange(min = 1, max = 5) int steps,
                                      @ForAll @IntRange(min = 0, max = 3) int repeat,
                                      @ForAll @IntRange(min = 0, max = 30) int progress) {
        EscalationPolicy policy = EscalationTest.policy(steps, repeat);
        EscalationState state = EscalationState.start();
        List<int[]> fired = new java.util.ArrayList<>();
        for (int i = 0; i < progress; i++) {
            FireDecision d = Escalation.fire(state, policy, state.step(), state.loop());
            fired.add(new int[] {state.step(), state.loop()});
            state = d instanceof FireDecision.NotifyStep n ? n.next()
                    : d instanceof FireDecision.Exhaust e ? e.next() : state;
        }
        for (int[] old : fired) {
            assertThat(Escalation.fire(state, policy, old[0], old[1])).isInstanceOf(FireDecision.Stale.class);
        }
    }

    /** Any status other than triggered stops every timer. */
    @Property
    void onlyTriggeredIncidentsPage(@ForAll IncidentStatus status, @ForAll @IntRange(min = 0, max = 3) int step,
                                    @ForAll @IntRange(min = 0, max = 3) int loop) {
        EscalationState state = new EscalationState(status, step, loop, 0, false);
        boolean pages = !(Escalation.fire(state, EscalationTest.policy(4, 3), step, loop)
                instanceof FireDecision.Stale);
        assertThat(pages).isEqualTo(status == IncidentStatus.TRIGGERED);
    }
}
