package dev.oncall.core.bench;

import dev.oncall.core.shift.ShiftIndex;
import dev.oncall.core.shift.ShiftMaterializer;
import dev.oncall.core.user.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Target: "who is on call at t" over six months of materialized hourly shifts in under 1 µs. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ShiftIndexBenchmark {
    private static final int PROBES = 4096;

    private ShiftIndex index;
    private Instant[] probes;
    private int next;

    @Setup
    public void setUp() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        index = ShiftIndex.of(ShiftMaterializer.materialize(BenchSchedules.hourlyRotation(), from));
        Random random = new Random(7);
        probes = new Instant[PROBES];
        long span = ShiftMaterializer.DEFAULT_HORIZON.getSeconds();
        for (int i = 0; i < PROBES; i++) {
            probes[i] = from.plusSeconds(random.nextLong(span));
        }
    }

    @Benchmark
    public List<UserRef> onCallAtSixMonthsHourly() {
        next = (next + 1) & (PROBES - 1);
        return index.onCallAt(probes[next]);
    }
}
