package dev.oncall.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Phrases read in several zones against fixed "now"s, the expected answer computed with
 * java.time; and what must be refused rather than guessed.
 */
class TimeRangePhraseTest {
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"),
            ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("Pacific/Kiritimati"));
    /** Saturday 7 March 2026, 10:00 in New York: "tomorrow" is the day clocks go forward there. */
    private static final Instant BEFORE_DST = Instant.parse("2026-03-07T15:00:00Z");

    private static TimeRangePhrase.Range parse(String text, ZoneId zone, Instant now) {
        try {
            return TimeRangePhrase.parse(text, zone, now);
        } catch (TimeRangePhrase.NotUnderstood e) {
            throw new AssertionError(text + " in " + zone + " at " + now + ": " + e.getMessage(), e);
        }
    }

    private static Instant at(LocalDate day, int hour, ZoneId zone) {
        return day.atTime(hour, 0).atZone(zone).toInstant();
    }

    @Test
    void tomorrowNineToFiveInEveryZone() {
        for (ZoneId zone : ZONES) {
            LocalDate tomorrow = LocalDate.ofInstant(BEFORE_DST, zone).plusDays(1);
            TimeRangePhrase.Range r = parse("tomorrow 9am to 5pm", zone, BEFORE_DST);
            assertThat(r.start()).as(zone.getId()).isEqualTo(at(tomorrow, 9, zone));
            assertThat(r.end()).as(zone.getId()).isEqualTo(at(tomorrow, 17, zone));
            assertThat(r.startLocal()).isEqualTo(tomorrow.atTime(9, 0));
            assertThat(r.endLocal()).isEqualTo(tomorrow.atTime(17, 0));
        }
    }

    @Test
    void nextTuesdayForTwelveHoursIsTwelveElapsedHours() {
        assertThat(LocalDate.ofInstant(BEFORE_DST, ZoneId.of("Australia/Lord_Howe")).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        for (ZoneId zone : ZONES) {
            LocalDate today = LocalDate.ofInstant(BEFORE_DST, zone);
            // natty's "next Tuesday" is the Tuesday of next week, weeks starting on Sunday: on a
            // Saturday the coming Tuesday, on a Sunday (as in Lord Howe here) the one after.
            LocalDate tuesday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).plusWeeks(1)
                    .with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
            TimeRangePhrase.Range r = parse("next Tuesday 18:00 for 12 hours", zone, BEFORE_DST);
            assertThat(r.start()).as(zone.getId()).isEqualTo(at(tuesday, 18, zone));
            assertThat(r.end()).isEqualTo(r.start().plus(Duration.ofHours(12)));
        }
    }

    @Test
    void acrossTheSpringForwardInNewYork() {
        ZoneId ny = ZoneId.of("America/New_York");
        // 8 March 2026: 02:00 EST becomes 03:00 EDT, so 1am to 4am is two hours long.
        TimeRangePhrase.Range r = parse("tomorrow 1am to 4am", ny, BEFORE_DST);
        assertThat(r.start()).isEqualTo(Instant.parse("2026-03-08T06:00:00Z"));
        assertThat(r.end()).isEqualTo(Instant.parse("2026-03-08T08:00:00Z"));
        assertThat(Duration.between(r.start(), r.end())).isEqualTo(Duration.ofHours(2));
        // Twelve hours from Saturday 20:00 EST end at 09:00 EDT, not 08:00.
        TimeRangePhrase.Range f = parse("today 20:00 for 12 hours", ny, BEFORE_DST);
        assertThat(f.startLocal()).isEqualTo(LocalDateTime.of(2026, 3, 7, 20, 0));
        assertThat(f.endLocal()).isEqualTo(LocalDateTime.of(2026, 3, 8, 9, 0));
    }

    @Test
    void generatedRangesAgreeWithJavaTime() {
        Random random = new Random(14);
        for (int i = 0; i < 200; i++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            Instant now = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextLong(365L * 86_400));
            int from = random.nextInt(23);
            int to = from + 1 + random.nextInt(23 - from);
            int minutes = 1 + random.nextInt(2000);
            LocalDate tomorrow = LocalDate.ofInstant(now, zone).plusDays(1);
            String range = String.format(Locale.ROOT, "tomorrow %02d:00 to %02d:00", from, to);
            if (!gapAt(tomorrow, from, zone) && !gapAt(tomorrow, to, zone)) {
                TimeRangePhrase.Range r = parse(range, zone, now);
                assertThat(r.startLocal()).as(range + " " + zone + " " + now).isEqualTo(tomorrow.atTime(from, 0));
                assertThat(r.endLocal()).as(range + " " + zone + " " + now).isEqualTo(tomorrow.atTime(to, 0));
            }
            String lasting = String.format(Locale.ROOT, "tomorrow %02d:00 for %d minutes", from, minutes);
            if (!gapAt(tomorrow, from, zone)) {
                TimeRangePhrase.Range r = parse(lasting, zone, now);
                assertThat(r.start()).as(lasting + " " + zone + " " + now).isEqualTo(at(tomorrow, from, zone));
                assertThat(r.end()).isEqualTo(r.start().plus(Duration.ofMinutes(minutes)));
            }
        }
    }

    @Test
    void callsInManyZonesAtOnceDoNotShareAnything() throws Exception {
        List<ZoneId> zones = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            zones.add(ZONES.get(i % ZONES.size()));
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<TimeRangePhrase.Range>> answers = new java.util.ArrayList<>();
            for (ZoneId zone : zones) {
                answers.add(pool.submit(() -> TimeRangePhrase.parse("tomorrow 9am to 5pm", zone, BEFORE_DST)));
            }
            for (int i = 0; i < zones.size(); i++) {
                LocalDate tomorrow = LocalDate.ofInstant(BEFORE_DST, zones.get(i)).plusDays(1);
                assertThat(answers.get(i).get().start()).as(zones.get(i).getId()).isEqualTo(at(tomorrow, 9, zones.get(i)));
            }
        }
    }

    /** Whether that local hour does not exist (skipped by a DST change): no single right answer to check. */
    private static boolean gapAt(LocalDate day, int hour, ZoneId zone) {
        LocalDateTime t = day.atTime(LocalTime.of(hour, 0));
        return zone.getRules().getValidOffsets(t).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "gibberish blah", "tomorrow", "tomorrow to friday", "tomorrow 9am",
            "tomorrow 9am to 5pm and then some", "tomorrow 9am to 5pm for 3 hours", "please tomorrow 9am to 5pm",
            "every day 9am to 5pm", "tomorrow 5pm to 9am", "tomorrow 9am for 0 hours", "tomorrow 9am for 2 days",
            "tomorrow 9am\u0000 to 5pm", "9am to 5pm, 6pm to 8pm"})
    void refusedRatherThanGuessed(String text) {
        assertThatThrownBy(() -> TimeRangePhrase.parse(text, ZoneId.of("Europe/Berlin"), BEFORE_DST))
                .isInstanceOf(TimeRangePhrase.NotUnderstood.class)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void longTextIsRefusedBeforeParsing() {
        String huge = "tomorrow 9am to 5pm ".repeat(512);
        assertThatThrownBy(() -> TimeRangePhrase.parse(huge, ZoneId.of("UTC"), BEFORE_DST))
                .isInstanceOf(TimeRangePhrase.NotUnderstood.class).hasMessageContaining("At most");
    }

    @Test
    void theLongestTextAllowedIsAnsweredEitherWay() throws Exception {
        String words = "tomorrow nine to five ";
        String text = words.repeat(TimeRangePhrase.MAX_LENGTH / words.length() + 1).substring(0, TimeRangePhrase.MAX_LENGTH);
        assertThatThrownBy(() -> TimeRangePhrase.parse(text, ZoneId.of("UTC"), BEFORE_DST))
                .isInstanceOf(TimeRangePhrase.NotUnderstood.class);
    }
}
