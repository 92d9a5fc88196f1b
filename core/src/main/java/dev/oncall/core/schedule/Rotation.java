package dev.oncall.core.schedule;

import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * How far apart a layer's handoffs are, as wall-clock arithmetic: handoff k is at
 * {@code start + k × period + k × time} in local date-time terms (rule 2). Months are added
 * from the start each time, never step by step, so a rotation starting on the 31st clamps to
 * the 30th or the 28th and returns to the 31st when a month has one.
 *
 * @param type   how the length was written, kept so a schedule exports the way it was written
 * @param period the date part (years, months, days; weeks are stored as days)
 * @param time   the time part (hours, minutes), added to the local date-time after the period
 */
public record Rotation(Type type, Period period, Duration time) {
    /** A bound on counts so arithmetic cannot overflow; the length limits are tighter still. */
    private static final int MAX_COUNT = 1_000_000;

    public enum Type {
        MONTHLY, WEEKLY, DAILY, HOURLY, CUSTOM;

        /** The name used in schedule files. */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Rotation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(time, "time");
        Problems problems = new Problems();
        checkLength(problems, "length", period, time, describe(period, time));
        problems.throwIfAny();
        if (!fitsType(type, period, time)) {
            throw new IllegalArgumentException("a " + type.spelling() + " rotation cannot be " + describe(period, time)
                    + "; use the factories, or type CUSTOM");
        }
    }

    /** Whether a counted type can express this length, so count() and export stay truthful. */
    private static boolean fitsType(Type type, Period period, Duration time) {
        boolean noTime = time.isZero();
        boolean daysOnly = period.getYears() == 0 && period.getMonths() == 0;
        return switch (type) {
            case MONTHLY -> noTime && period.getDays() == 0;
            case WEEKLY -> noTime && daysOnly && period.getDays() % 7 == 0;
            case DAILY -> noTime && daysOnly;
            case HOURLY -> period.isZero() && time.toSecondsPart() == 0 && time.toMinutesPart() == 0;
            case CUSTOM -> true;
        };
    }

    public static Rotation monthly(int months) {
        return counted(Type.MONTHLY, months);
    }

    public static Rotation weekly(int weeks) {
        return counted(Type.WEEKLY, weeks);
    }

    public static Rotation daily(int days) {
        return counted(Type.DAILY, days);
    }

    public static Rotation hourly(int hours) {
        return counted(Type.HOURLY, hours);
    }

    /** A rotation of {@code count} months, weeks, days or hours. */
    public static Rotation counted(Type type, int count) {
        if (count < 1) {
            throw ValidationException.of("length", "must be at least 1, got " + count);
        }
        if (count > MAX_COUNT) {
            throw ValidationException.of("length", "must be at most " + MAX_COUNT + ", got " + count);
        }
        return switch (type) {
            case MONTHLY -> new Rotation(type, Period.ofMonths(count), Duration.ZERO);
            case WEEKLY -> new Rotation(type, Period.ofDays(Math.multiplyExact(count, 7)), Duration.ZERO);
            case DAILY -> new Rotation(type, Period.ofDays(count), Duration.ZERO);
            case HOURLY -> new Rotation(type, Period.ZERO, Duration.ofHours(count));
            case CUSTOM -> throw new IllegalArgumentException("a custom rotation has an ISO-8601 length, not a count");
        };
    }

    /**
     * A custom rotation from ISO-8601 text: a period ({@code P3D}, {@code P2W}, {@code P1M}),
     * a duration ({@code PT12H}) or both ({@code P1DT12H}: one local day, then twelve local hours).
     */
    public static Rotation custom(String length) {
        Objects.requireNonNull(length, "length");
        String text = length.trim().toUpperCase(Locale.ROOT);
        int t = text.indexOf('T');
        Period period;
        Duration time;
        try {
            if (!text.startsWith("P") || text.length() < 2 || t == text.length() - 1) {
                throw new DateTimeParseException("not ISO-8601", text, 0);
            }
            period = t < 0 ? Period.parse(text) : t == 1 ? Period.ZERO : Period.parse(text.substring(0, t));
            time = t < 0 ? Duration.ZERO : Duration.parse("PT" + text.substring(t + 1));
        } catch (DateTimeParseException e) {
            throw ValidationException.of("length", "malformed length \"" + length
                    + "\": expected an ISO-8601 period or duration such as P3D, PT12H or P1DT12H");
        }
        // Check here too, so problems quote the length as it was written.
        Problems problems = new Problems();
        checkLength(problems, "length", period, time, "\"" + length + "\"");
        problems.throwIfAny();
        return new Rotation(Type.CUSTOM, period, time);
    }

    /** The count for monthly/weekly/daily/hourly rotations; 0 for custom ones. */
    public int count() {
        return switch (type) {
            case MONTHLY -> period.getMonths() + 12 * period.getYears();
            case WEEKLY -> period.getDays() / 7;
            case DAILY -> period.getDays();
            case HOURLY -> (int) time.toHours();
            case CUSTOM -> 0;
        };
    }

    /** The length as ISO-8601 text, e.g. {@code P7D}, {@code PT12H}, {@code P1DT12H}. */
    public String isoLength() {
        return describe(period, time);
    }

    /** The local date-time of handoff {@code k}, counted from the layer's start (rule 2). */
    public LocalDateTime handoff(LocalDateTime start, long k) {
        int n = Math.toIntExact(k);
        LocalDateTime shifted = period.isZero() ? start : start.plus(period.multipliedBy(n));
        return time.isZero() ? shifted : shifted.plus(time.multipliedBy(n));
    }

    /** The nominal length in seconds (a month counted as its average), used only to estimate k. */
    double nominalSeconds() {
        double days = period.getYears() * 365.2425 + period.getMonths() * 30.436875 + period.getDays();
        return days * 86_400 + time.getSeconds();
    }

    private static void checkLength(Problems problems, String field, Period period, Duration time, String shown) {
        if (period.isNegative() || time.isNegative()) {
            problems.add(field, "must not be negative, got " + shown);
            return;
        }
        if (period.isZero() && time.isZero()) {
            problems.add(field, "must be positive, got " + shown);
            return;
        }
        if (time.getNano() != 0 || time.getSeconds() % 60 != 0) {
            problems.add(field, "must be a whole number of minutes, got " + shown);
            return;
        }
        // Compare against the limits with months as 31 days and years as 366 so a length that
        // passes is within bounds whatever months it spans.
        long maxSeconds = ((long) period.getYears() * 366 + (long) period.getMonths() * 31 + period.getDays()) * 86_400L
                + time.getSeconds();
        long minSeconds = ((long) period.getYears() * 365 + (long) period.getMonths() * 28 + period.getDays()) * 86_400L
                + time.getSeconds();
        if (minSeconds < ScheduleLimits.MIN_ROTATION_LENGTH.getSeconds()) {
            problems.add(field, "must be at least " + ScheduleLimits.MIN_ROTATION_LENGTH + ", got " + shown);
        } else if (maxSeconds > ScheduleLimits.MAX_ROTATION_LENGTH.getSeconds()) {
            problems.add(field, "must be at most " + ScheduleLimits.MAX_ROTATION_LENGTH.toDays() + " days, got "
                    + shown);
        }
    }

    private static String describe(Period period, Duration time) {
        if (time.isZero()) {
            return period.toString();
        }
        return period.isZero() ? time.toString() : period + time.toString().substring(1);
    }
}
