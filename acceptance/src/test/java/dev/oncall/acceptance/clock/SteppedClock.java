package dev.oncall.acceptance.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The machine's UTC clock plus an offset the test moves, as NTP steps a machine's clock: every
 * reader in the app sees the step at once, and it stays until the next one.
 */
final class SteppedClock extends Clock {
    private final Clock system;
    private final OffsetFile offset;

    SteppedClock(OffsetFile offset) {
        this(Clock.systemUTC(), offset);
    }

    private SteppedClock(Clock system, OffsetFile offset) {
        this.system = system;
        this.offset = offset;
    }

    @Override
    public ZoneId getZone() {
        return system.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SteppedClock(system.withZone(zone), offset);
    }

    @Override
    public long millis() {
        return system.millis() + offset.millis();
    }

    @Override
    public Instant instant() {
        return system.instant().plusMillis(offset.millis());
    }

    @Override
    public String toString() {
        return "SteppedClock[" + ZoneOffset.UTC + " " + offset.millis() + " ms]";
    }
}
