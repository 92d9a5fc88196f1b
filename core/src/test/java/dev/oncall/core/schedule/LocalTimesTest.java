package dev.oncall.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LocalTimesTest {
    private static Instant at(String local, String zone) {
        return LocalTimes.toInstant(LocalDateTime.parse(local), ZoneId.of(zone));
    }

    @Test
    void skippedTimeIsTheInstantOfTheJumpNotAnHourLater() {
        // 02:30 on a 02:00 -> 03:00 night is 03:00 EDT, where java.time's default would give 03:30.
        assertThat(at("2026-03-08T02:30", "America/New_York")).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
    }

    @Test
    void repeatedTimeIsItsEarlierOccurrence() {
        assertThat(at("2026-11-01T01:30", "America/New_York")).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        assertThat(at("2026-10-25T01:30", "Europe/London")).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void aWholeSkippedDayMapsToTheJump() {
        assertThat(at("2011-12-30T00:00", "Pacific/Apia")).isEqualTo(Instant.parse("2011-12-30T10:00:00Z"));
        assertThat(at("2011-12-30T23:59", "Pacific/Apia")).isEqualTo(Instant.parse("2011-12-30T10:00:00Z"));
        assertThat(at("2011-12-31T00:00", "Pacific/Apia")).isEqualTo(Instant.parse("2011-12-30T10:00:00Z"));
    }

    @Test
    void oddOffsetsAreExact() {
        assertThat(at("2026-06-01T09:00", "Asia/Kathmandu")).isEqualTo(Instant.parse("2026-06-01T03:15:00Z"));
        assertThat(at("2026-06-01T09:00", "Pacific/Chatham")).isEqualTo(Instant.parse("2026-05-31T20:15:00Z"));
    }

    @Test
    void fixedOffsetZonesNeedNoRules() {
        assertThat(at("2026-06-01T09:00", "+05:30")).isEqualTo(Instant.parse("2026-06-01T03:30:00Z"));
    }

    @Test
    void laterLocalTimesNeverMapToEarlierInstants() {
        ZoneId zone = ZoneId.of("Australia/Lord_Howe");
        LocalDateTime t = LocalDateTime.parse("2026-04-04T00:00");
        Instant previous = LocalTimes.toInstant(t, zone);
        for (int minute = 1; minute < 3 * 24 * 60; minute++) {
            Instant next = LocalTimes.toInstant(t.plusMinutes(minute), zone);
            assertThat(next).isAfterOrEqualTo(previous);
            previous = next;
        }
    }
}
