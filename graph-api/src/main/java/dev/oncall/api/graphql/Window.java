package dev.oncall.api.graphql;

import dev.oncall.core.schedule.ScheduleLimits;
import java.time.Duration;
import java.time.Instant;

/** A [from, to) range a time query asks about, bounded so one query cannot make the server render years. */
public record Window(Instant from, Instant to) {
    /** The longest range a timeline, shift, hours or list query may cover. */
    public static final Duration MAX = Duration.ofDays(400);

    public static Window of(Instant from, Instant to) {
        if (!ScheduleLimits.supported(from) || !ScheduleLimits.supported(to)) {
            throw ApiException.badRequest("from", "from and to must be between " + ScheduleLimits.EARLIEST + " and "
                    + ScheduleLimits.LATEST);
        }
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("to", "to (" + to + ") must be after from (" + from + ")");
        }
        if (Duration.between(from, to).compareTo(MAX) > 0) {
            throw ApiException.badRequest("to", "the range from " + from + " to " + to + " is longer than the "
                    + MAX.toDays() + " days a query may cover");
        }
        return new Window(from, to);
    }

    public static Instant instant(Instant t, String name) {
        if (!ScheduleLimits.supported(t)) {
            throw ApiException.badRequest(name + " must be between " + ScheduleLimits.EARLIEST + " and "
                    + ScheduleLimits.LATEST);
        }
        return t;
    }
}
