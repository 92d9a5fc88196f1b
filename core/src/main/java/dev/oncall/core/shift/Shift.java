package dev.oncall.core.shift;

import dev.oncall.core.user.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One user's on-call time [start, end), as stored and looked up by escalation.
 *
 * @param position    the user's place in the on-call list during this shift (0 first): with
 *                    several users per shift, the lookup returns them in this order
 * @param layer       the name of the layer the time comes from; empty for an override
 * @param claimedRequest for a COVERAGE shift, the cover request it was claimed through
 * @param openRequest an unclaimed cover request over exactly this shift: its holder asked to be
 *                    covered and stays on call until someone claims it
 */
public record Shift(
        Instant start,
        Instant end,
        UserRef user,
        ShiftSource source,
        int position,
        Optional<String> layer,
        Optional<String> claimedRequest,
        Optional<String> openRequest) {

    public Shift {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(claimedRequest, "claimedRequest");
        Objects.requireNonNull(openRequest, "openRequest");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("shift end " + end + " is not after its start " + start);
        }
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative, got " + position);
        }
        if ((source == ShiftSource.COVERAGE) != claimedRequest.isPresent()) {
            throw new IllegalArgumentException("exactly the COVERAGE shifts name the cover request they came from");
        }
        if ((source == ShiftSource.OVERRIDE) == layer.isPresent()) {
            throw new IllegalArgumentException("every shift but an override's names its layer");
        }
    }

    /** A turn of layer {@code layer}, first in the on-call list. */
    public static Shift rotation(Instant start, Instant end, UserRef user, String layer) {
        return new Shift(start, end, user, ShiftSource.ROTATION, 0, Optional.of(layer), Optional.empty(), Optional.empty());
    }

    public static Shift override(Instant start, Instant end, UserRef user) {
        return new Shift(start, end, user, ShiftSource.OVERRIDE, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Shift withSpan(Instant newStart, Instant newEnd) {
        return new Shift(newStart, newEnd, user, source, position, layer, claimedRequest, openRequest);
    }

    public Shift withOpenRequest(String requestId) {
        return new Shift(start, end, user, source, position, layer, claimedRequest, Optional.of(requestId));
    }

    /** The same time, now held by {@code claimer} through {@code requestId}. */
    public Shift claimedBy(UserRef claimer, String requestId) {
        return new Shift(start, end, claimer, ShiftSource.COVERAGE, position, layer, Optional.of(requestId),
                Optional.empty());
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }
}
