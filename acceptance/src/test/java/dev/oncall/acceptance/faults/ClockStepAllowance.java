package dev.oncall.acceptance.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a clock step legitimately moves in the checker's reading of a log. The log's instants are
 * stamped by the clocks of the processes that wrote them, and the fault windows by the test's,
 * so while a process's clock is off by {@code d}:
 * <ul>
 *   <li>a worker ahead fires a step up to {@code d} early and one behind up to {@code d} late
 *       (each fires when its own clock reaches the timer's due time);</li>
 *   <li>a due time stamped by a clock behind (a trigger through a graph-api whose clock is
 *       behind) and fired by a clock that is not reads up to {@code d} late though it was on
 *       time, and likewise a fire stamped by a clock ahead;</li>
 *   <li>nothing else: each step still fires once (conditional updates), nothing is paged after an
 *       acknowledgement, and each log stays in time order (an event is stamped no earlier than
 *       the change before it).</li>
 * </ul>
 * So a step whose window, from its due time to its deadline, meets a clock step (widened by its
 * size either side, as the log's instants may be off by that much) may fire that much later. The
 * checker does not test earliness: in the log's own instants a step never looks early.
 */
final class ClockStepAllowance {
    private ClockStepAllowance() {}

    /** How much later a step may fire, and the largest clock step that allows it (empty: none met the window). */
    record Allowance(Duration lateness, Optional<Fault> step) {}

    /**
     * The extra lateness allowed a step due at {@code due} with deadline {@code deadline}: the
     * sum of the sizes of the clock steps meeting that window.
     */
    static Allowance of(Instant due, Instant deadline, List<Fault> faults) {
        Duration allowed = Duration.ZERO;
        Optional<Fault> largest = Optional.empty();
        for (Fault f : faults) {
            if (f.kind() == FaultKind.CLOCK_STEP) {
                Duration size = f.skew().abs();
                if (!f.start().minus(size).isAfter(deadline) && !f.end().plus(size).isBefore(due)) {
                    allowed = allowed.plus(size);
                    if (largest.isEmpty() || largest.get().skew().abs().compareTo(size) < 0) {
                        largest = Optional.of(f);
                    }
                }
            }
        }
        return new Allowance(allowed, largest);
    }
}
