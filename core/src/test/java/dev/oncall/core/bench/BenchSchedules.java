package dev.oncall.core.bench;

import static dev.oncall.core.user.UserRefs.ref;
import static dev.oncall.core.user.UserRefs.refs;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.Restriction;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.Schedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The schedules the performance targets are stated for, built the same way every run. */
final class BenchSchedules {
    static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant YEAR_END = Instant.parse("2027-01-01T00:00:00Z");

    private BenchSchedules() {
    }

    /**
     * Three layers in America/New_York (both DST changes inside the year): a weekly 24/7 base,
     * a daily business-hours layer (Mon-Fri 09:00-12:00 and 13:00-17:00), and a 12-hour night
     * layer restricted to 22:00-06:00; plus 500 overrides of 1-12 hours spread over the year.
     */
    static Schedule threeLayersWithRestrictionsAnd500Overrides() {
        LocalDateTime start = LocalDateTime.parse("2025-12-29T09:00");
        List<Restriction> businessHours = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            businessHours.add(Restriction.weekly(day, LocalTime.of(9, 0), day, LocalTime.of(12, 0)));
            businessHours.add(Restriction.weekly(day, LocalTime.of(13, 0), day, LocalTime.of(17, 0)));
        }
        List<Layer> layers = List.of(
                Layer.of("base", start, Rotation.weekly(1), refs("u1", "u2", "u3", "u4", "u5", "u6")),
                Layer.of("business", start, Rotation.daily(1), refs("b1", "b2", "b3", "b4")).withRestrictions(businessHours),
                Layer.of("nights", start, Rotation.custom("PT12H"), refs("n1", "n2", "n3"))
                        .withRestrictions(List.of(Restriction.daily(LocalTime.of(22, 0), LocalTime.of(6, 0)))));
        Random random = new Random(42);
        List<Override> overrides = new ArrayList<>();
        long yearSeconds = Duration.between(YEAR_START, YEAR_END).getSeconds();
        for (int i = 0; i < 500; i++) {
            Instant from = YEAR_START.plusSeconds(60 * (random.nextLong(yearSeconds / 60)));
            overrides.add(Override.of(ref("o" + random.nextInt(20)), from, from.plus(Duration.ofHours(1 + random.nextInt(12)))));
        }
        return Schedule.of(ZoneId.of("America/New_York"), layers, overrides, List.of());
    }

    /** An hourly rotation of four people in Europe/London, for six months of shifts. */
    static Schedule hourlyRotation() {
        return Schedule.of(ZoneId.of("Europe/London"),
                List.of(Layer.of("hourly", LocalDateTime.parse("2026-01-01T00:00"), Rotation.hourly(1), refs("a", "b", "c", "d"))));
    }
}
