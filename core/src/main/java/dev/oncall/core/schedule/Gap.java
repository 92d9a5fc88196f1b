package dev.oncall.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** [start, end) during which nobody is on call: an alert then would reach no one. */
public record Gap(Instant start, Instant end) {
    public Gap {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("gap end " + end + " is not after its start " + start);
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
