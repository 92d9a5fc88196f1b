package dev.oncall.worker.escalation;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Drives a worker's escalation pass by pass, as tests do after moving the clock: a full poll,
 * then every fire and sweep it started, waited for (the running engine does not wait, so a slow
 * fire never delays the next due timer).
 */
public final class EscalationDriver {
    private EscalationDriver() {}

    /** One pass with a full poll; returns how many timers paged, exhausted or re-triggered an incident. */
    public static int runOnce(TimerDispatcher dispatcher) {
        int fired = 0;
        try {
            for (Future<Integer> f : dispatcher.pass(TimerDispatcher.Poll.FULL).work()) {
                fired += f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return fired;
    }
}
