package dev.oncall.core.cover;

import java.time.Instant;

/**
 * Where a cover request falls on a shift, which decides how the shift is split:
 * <pre>
 * WHOLE   request |-----------|    shift |-----------|   result |-----X-----|       (marked, not split)
 * START   request |---|                  |-----------|          |-X-|-------|       (two parts)
 * END     request         |---|          |-----------|          |-------|-X-|       (two parts)
 * MIDDLE  request     |---|              |-----------|          |---|-X-|---|       (three parts)
 * NONE    the request does not touch the shift
 * </pre>
 */
public enum CoverPosition {
    WHOLE, START, END, MIDDLE, NONE;

    /** Classifies the request [requestStart, requestEnd) against the shift [shiftStart, shiftEnd). */
    public static CoverPosition of(Instant shiftStart, Instant shiftEnd, Instant requestStart, Instant requestEnd) {
        if (!requestStart.isBefore(shiftEnd) || !shiftStart.isBefore(requestEnd)) {
            return NONE;
        }
        boolean fromStart = !requestStart.isAfter(shiftStart);
        boolean toEnd = !requestEnd.isBefore(shiftEnd);
        if (fromStart && toEnd) {
            return WHOLE;
        }
        if (fromStart) {
            return START;
        }
        return toEnd ? END : MIDDLE;
    }
}
