package dev.oncall.acceptance.faults;

import java.time.Duration;

/**
 * How long and how hard a fault run is. The short profile (the defaults) runs in
 * {@code ./mvnw verify} with a fixed seed; the long one is asked for on the command line, e.g.
 * {@code -Dfaults.minutes=30 -Dfaults.count=200 -Dfaults.rate=20} (docs/testing.md).
 *
 * @param seed    drives the alert load and the fault schedule: the same seed plans the same run
 * @param load    how long alerts are sent and faults injected
 * @param faults  how many faults are injected in that time
 * @param rate    new alerts per second
 * @param workers regional workers beside the two graph-apis
 * @param bound   how late after its due time (or after the fault that delayed it ended) a step may fire
 */
public record FaultProfile(long seed, Duration load, int faults, double rate, int workers, Duration bound) {

    /** The profile the system properties ask for ({@code faults.*}), the short one by default. */
    public static FaultProfile fromSystemProperties() {
        Duration load = System.getProperty("faults.minutes") != null
                ? Duration.ofMinutes(Long.getLong("faults.minutes"))
                : Duration.ofSeconds(Long.getLong("faults.seconds", 45));
        return new FaultProfile(
                Long.getLong("faults.seed", 15),
                load,
                Integer.getInteger("faults.count", 6),
                Double.parseDouble(System.getProperty("faults.rate", "2")),
                Integer.getInteger("faults.workers", 2),
                Duration.ofSeconds(Long.getLong("faults.bound-seconds", 45)));
    }
}
