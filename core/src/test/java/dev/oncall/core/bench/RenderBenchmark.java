package dev.oncall.core.bench;

import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.schedule.Timeline;
import dev.oncall.core.user.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Target: one year of three restricted layers with 500 overrides renders in under 50 ms. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RenderBenchmark {
    private Schedule schedule;

    @Setup
    public void setUp() {
        schedule = BenchSchedules.threeLayersWithRestrictionsAnd500Overrides();
    }

    @Benchmark
    public Timeline renderOneYearThreeLayers500Overrides() {
        return ScheduleEngine.render(schedule, BenchSchedules.YEAR_START, BenchSchedules.YEAR_END);
    }

    /** For comparison: answering one instant directly, without materialized shifts. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<UserRef> onCallAtDirectThreeLayers500Overrides() {
        return ScheduleEngine.onCallAt(schedule, Instant.parse("2026-07-15T14:30:00Z"));
    }
}
