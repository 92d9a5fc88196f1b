package dev.oncall.core.validation;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The bounds that keep all time arithmetic far from overflow, checked the same way (and worded
 * the same way) by every record that holds times, and the length of a name or id (names
 * themselves are checked by {@link Text#name}).
 */
public final class Fields {
    /** Characters in a name or id (a layer name, a user id, a cover request id). */
    public static final int MAX_NAME_LENGTH = 255;
    /** The earliest instant input may mention. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** The latest instant input may mention. */
    public static final Instant LATEST = Instant.parse("3000-01-01T00:00:00Z");
    /** Local date-times in this range become instants inside [EARLIEST, LATEST] in every zone. */
    public static final LocalDateTime EARLIEST_LOCAL = LocalDateTime.parse("1900-01-02T00:00");
    public static final LocalDateTime LATEST_LOCAL = LocalDateTime.parse("2999-12-30T00:00");

    private Fields() {
    }

    public static boolean supported(Instant t) {
        return !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }

    public static void supported(Problems problems, String field, Instant value) {
        if (value != null && !supported(value)) {
            problems.add(field, "must be between " + EARLIEST + " and " + LATEST + ", got " + value);
        }
    }

    public static void supported(Problems problems, String field, LocalDateTime value) {
        if (value != null && (value.isBefore(EARLIEST_LOCAL) || value.isAfter(LATEST_LOCAL))) {
            problems.add(field, "must be between " + EARLIEST_LOCAL + " and " + LATEST_LOCAL + ", got " + value);
        }
    }

    /** A [start, end) range of instants in fields {@code start} and {@code end}. */
    public static void range(Problems problems, Instant start, Instant end) {
        supported(problems, "start", start);
        supported(problems, "end", end);
        if (start != null && end != null && !end.isAfter(start)) {
            problems.add("end", "must be after start (" + start + "), got " + end);
        }
    }
}
