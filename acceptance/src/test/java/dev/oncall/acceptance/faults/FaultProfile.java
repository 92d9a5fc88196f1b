package dev.oncall.acceptance.faults;

import java.time.Duration;

/**
 * How long and how hard a fault run is. The short profile (the defaults) runs in every
 * {@code ./mvnw verify} with a fixed seed; a longer one is asked for on the command line, e.g.
 * {@code -Dfaults.minutes=30 -Dfaults.count=200 -Dfaults.rate=20 -Dfaults.workers=2} (docs/testing.md).
 *
 * @param seed           drives the alert load and the fault schedule: the same seed plans the same run
 * @param load           how long alerts are sent and faults injected
 * @param faults         how many random faults are injected in that time
 * @param rate           new alerts per second
 * @param apis           graph-apis per region
 * @param workers        regional workers per region
 * @param auditors       auditors: 1 in the first region, 2 for one in each
 * @param bound          how late after its due time (or after the fault that delayed it ended) a step may fire
 * @param postgresOutage one PostgreSQL stop this long in the middle of the load (zero: none), besides the random faults
 */
public record FaultProfile(long seed, Duration load, int faults, double rate, int apis, int workers, int auditors,
                           Duration bound, Duration postgresOutage) {

    /** The profile the system properties ask for ({@code faults.*}), the short one by default. */
    public static FaultProfile fromSystemProperties() {
        Duration load = System.getProperty("faults.minutes") != null
                ? Duration.ofMinutes(Long.getLong("faults.minutes"))
                : Duration.ofSeconds(Long.getLong("faults.seconds", 45));
        return new FaultProfile(
                Long.getLong("faults.seed", 15),
                load,
                Integer.getInteger("faults.count", PlannedKinds.fromSystemProperties().size()),
                Double.parseDouble(System.getProperty("faults.rate", "2")),
                Integer.getInteger("faults.apis", 1),
                Integer.getInteger("faults.workers", 1),
                Integer.getInteger("faults.auditors", 1),
                Duration.ofSeconds(Long.getLong("faults.bound-seconds", 45)),
                Duration.ofSeconds(Long.getLong("faults.postgres-outage", 0)));
    }
}
