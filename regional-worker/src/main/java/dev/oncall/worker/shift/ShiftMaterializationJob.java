package dev.oncall.worker.shift;

import dev.oncall.core.validation.Codes;
import dev.oncall.store.shift.ShiftMaterializations;
import dev.oncall.store.shift.ShiftMaterializations.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every schedule's shifts materialized: each pass takes the schedules that changed (or
 * whose last run is a day old) and materializes those it manages to claim. Every worker of
 * every region runs it; the claim makes sure a schedule's job runs on one of them at a time.
 */
public final class ShiftMaterializationJob {
    private static final Logger log = LoggerFactory.getLogger(ShiftMaterializationJob.class);

    private final ShiftMaterializations materializations;
    private final Clock clock;
    private final String owner;
    private final int batchSize;
    private final MeterRegistry meters;

    public ShiftMaterializationJob(ShiftMaterializations materializations, Clock clock, String owner, int batchSize,
                                   MeterRegistry meters) {
        this.materializations = materializations;
        this.clock = clock;
        this.owner = owner;
        this.batchSize = batchSize;
        this.meters = meters;
    }

    /** One pass: returns how many schedules this worker materialized. */
    public int runOnce() {
        List<UUID> due = new ArrayList<>(materializations.due(clock.instant(), batchSize));
        // Every worker sees the same list; taking it in its own order spreads the workers over
        // it instead of having them all contend for its first schedule.
        Collections.shuffle(due);
        int done = 0;
        for (UUID id : due) {
            try {
                Outcome outcome = materializations.run(id, owner, clock.instant());
                meters.counter("oncall.shifts.materializations", "outcome", Codes.of(outcome))
                        .increment();
                if (outcome == Outcome.MATERIALIZED) {
                    done++;
                    log.debug("materialized shifts of schedule {}", id);
                }
            } catch (RuntimeException e) {
                // One broken schedule must not starve the others; its lease expires and it is retried.
                meters.counter("oncall.shifts.materializations", "outcome", "failed").increment();
                log.warn("materializing shifts of schedule {} failed: {}", id, e.toString());
            }
        }
        return done;
    }

    /** Runs passes until nothing is left to do (used at start and by tests). */
    public int drain() {
        int total = 0;
        int n;
        while ((n = runOnce()) > 0) {
            total += n;
        }
        return total;
    }
}
