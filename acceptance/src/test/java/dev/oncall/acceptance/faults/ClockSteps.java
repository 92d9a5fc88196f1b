package dev.oncall.acceptance.faults;

import dev.oncall.acceptance.system.SteppedClocks;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Clock steps of the fault run: one worker's or graph-api's clock moved 10–29 s ahead or behind
 * (below the run's 30 s claim TTL: a step as large as the claims would let another sender take
 * an intent while it is being sent), then back. The apps take their time from a clock the test
 * steps ({@link SteppedClocks}); the rest of the machine, the database and the other apps keep
 * the true time.
 */
final class ClockSteps {
    static final int MIN_SECONDS = 10;
    static final int MAX_SECONDS = 29;

    private ClockSteps() {}

    /** How long a step lasts before the clock is stepped back: 15–45 s. */
    static Duration length(Random random) {
        return Duration.ofSeconds(15 + random.nextInt(31));
    }

    /**
     * By how much the planned step moves the clock, ahead or behind: drawn from the planned
     * fault's own seeded time and length, so the same seed steps the same clocks the same way.
     */
    static Duration skew(FaultInjector.Planned planned) {
        Random random = new Random(planned.at().toMillis() * 31 + planned.length().toMillis());
        Duration size = Duration.ofSeconds(MIN_SECONDS + random.nextInt(MAX_SECONDS - MIN_SECONDS + 1));
        return random.nextBoolean() ? size : size.negated();
    }

    /** The process whose clock is stepped: the workers first, then the graph-apis. */
    static Fleet.Slot target(Fleet fleet, int index) {
        List<Fleet.Slot> candidates = new java.util.ArrayList<>(fleet.of(Fleet.Role.WORKER));
        candidates.addAll(fleet.of(Fleet.Role.API));
        return candidates.get(index % candidates.size());
    }

    static void step(Fleet.Slot slot, Duration skew) {
        SteppedClocks.step(slot.name(), skew);
    }
}
