package dev.oncall.core.schedule;

import dev.oncall.core.validation.Problems;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A window of local time in which a layer is on (rule 4). Restrictions mask a layer's shifts;
 * they never change whose turn it is.
 */
public sealed interface Restriction permits Restriction.Daily, Restriction.Weekly {

    /**
     * The window that opens on local date {@code day}, if one does; at most one window of a
     * restriction opens on any date.
     */
    Optional<LocalWindow> windowOpeningOn(LocalDate day);

    /** The most days a window can span past the date it opens on. */
    int maxSpanDays();

    static Daily daily(LocalTime start, LocalTime end) {
        return new Daily(start, end);
    }

    static Weekly weekly(DayOfWeek startDay, LocalTime start, DayOfWeek endDay, LocalTime end) {
        return new Weekly(startDay, start, endDay, end);
    }

    /**
     * Every local day from {@code start} to {@code end}; an end at or before the start runs
     * into the next day (22:00–06:00 is a night shift).
     */
    record Daily(LocalTime start, LocalTime end) implements Restriction {
        public Daily {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Problems problems = new Problems();
            problems.check(!end.equals(start), "end",
                    "must differ from start (" + start + "): a window that ends where it starts is empty or all day, say which");
            problems.throwIfAny();
        }

        @java.lang.Override
        public Optional<LocalWindow> windowOpeningOn(LocalDate day) {
            LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
            return Optional.of(new LocalWindow(day.atTime(start), endDay.atTime(end)));
        }

        @java.lang.Override
        public int maxSpanDays() {
            return 1;
        }
    }

    /**
     * From {@code startDay} at {@code start} to the next {@code endDay} at {@code end} after it:
     * MONDAY 09:00 to FRIDAY 17:00 is the working week, FRIDAY 17:00 to MONDAY 09:00 the weekend.
     */
    record Weekly(DayOfWeek startDay, LocalTime start, DayOfWeek endDay, LocalTime end) implements Restriction {
        public Weekly {
            Objects.requireNonNull(startDay, "startDay");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(endDay, "endDay");
            Objects.requireNonNull(end, "end");
            Problems problems = new Problems();
            problems.check(!(endDay == startDay && end.equals(start)), "end",
                    "must differ from start (" + startDay + " " + start
                            + "): a window that ends where it starts is empty or all week, say which");
            problems.throwIfAny();
        }

        @java.lang.Override
        public Optional<LocalWindow> windowOpeningOn(LocalDate day) {
            if (day.getDayOfWeek() != startDay) {
                return Optional.empty();
            }
            int days = Math.floorMod(endDay.getValue() - startDay.getValue(), 7);
            if (days == 0 && !end.isAfter(start)) {
                days = 7;
            }
            return Optional.of(new LocalWindow(day.atTime(start), day.plusDays(days).atTime(end)));
        }

        @java.lang.Override
        public int maxSpanDays() {
            return 7;
        }
    }
}
