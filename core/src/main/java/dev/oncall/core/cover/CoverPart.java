package dev.oncall.core.cover;

import java.time.Instant;
import java.util.Objects;

/** One piece of a shift after a cover request split it; {@code requested} marks the piece asked for. */
public record CoverPart(Instant start, Instant end, boolean requested) {
    public CoverPart {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("part end " + end + " is not after its start " + start);
        }
    }
}
