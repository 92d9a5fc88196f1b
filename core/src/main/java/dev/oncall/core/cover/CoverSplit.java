package dev.oncall.core.cover;

import java.time.Instant;
import java.util.List;

/**
 * Splits one shift for a cover request, as the materialized shifts are split in storage: in
 * two when the request covers its start or its end, in three when it falls in the middle, not
 * at all (just marked) when it covers the whole shift. See {@link CoverPosition}.
 */
public final class CoverSplit {
    private CoverSplit() {
    }

    /** The parts of shift [shiftStart, shiftEnd) under request [requestStart, requestEnd), in order. */
    public static List<CoverPart> split(Instant shiftStart, Instant shiftEnd, Instant requestStart, Instant requestEnd) {
        if (!shiftEnd.isAfter(shiftStart)) {
            throw new IllegalArgumentException("shift end " + shiftEnd + " is not after its start " + shiftStart);
        }
        return switch (CoverPosition.of(shiftStart, shiftEnd, requestStart, requestEnd)) {
            case NONE -> List.of(new CoverPart(shiftStart, shiftEnd, false));
            case WHOLE -> List.of(new CoverPart(shiftStart, shiftEnd, true));
            case START -> List.of(new CoverPart(shiftStart, requestEnd, true), new CoverPart(requestEnd, shiftEnd, false));
            case END -> List.of(new CoverPart(shiftStart, requestStart, false), new CoverPart(requestStart, shiftEnd, true));
            case MIDDLE -> List.of(
                    new CoverPart(shiftStart, requestStart, false),
                    new CoverPart(requestStart, requestEnd, true),
                    new CoverPart(requestEnd, shiftEnd, false));
        };
    }
}
