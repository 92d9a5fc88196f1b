package dev.oncall.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.validation.ValidationException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import org.junit.jupiter.api.Test;

class RotationTest {
    private static final LocalDateTime JAN_31 = LocalDateTime.parse("2026-01-31T09:00");

    @Test
    void monthlyHandoffsClampFromTheStartAndComeBackToThe31st() {
        Rotation monthly = Rotation.monthly(1);
        assertThat(monthly.handoff(JAN_31, 1)).isEqualTo("2026-02-28T09:00");
        assertThat(monthly.handoff(JAN_31, 2)).isEqualTo("2026-03-31T09:00");
        assertThat(monthly.handoff(JAN_31, 3)).isEqualTo("2026-04-30T09:00");
        assertThat(monthly.handoff(JAN_31, 13)).isEqualTo("2027-02-28T09:00");
    }

    @Test
    void customLengthAddsTheDateThenTheTimeAsLocalArithmetic() {
        Rotation r = Rotation.custom("P1DT12H");
        assertThat(r.period()).isEqualTo(Period.ofDays(1));
        assertThat(r.time()).isEqualTo(Duration.ofHours(12));
        assertThat(r.handoff(LocalDateTime.parse("2026-03-07T09:00"), 1)).isEqualTo("2026-03-08T21:00");
        assertThat(r.handoff(LocalDateTime.parse("2026-03-07T09:00"), 2)).isEqualTo("2026-03-10T09:00");
    }

    @Test
    void countedRotationsKeepTheirCountAndSpelling() {
        assertThat(Rotation.weekly(2).count()).isEqualTo(2);
        assertThat(Rotation.weekly(2).isoLength()).isEqualTo("P14D");
        assertThat(Rotation.hourly(8).isoLength()).isEqualTo("PT8H");
        assertThat(Rotation.custom("P2W").isoLength()).isEqualTo("P14D");
        assertThat(Rotation.custom("pt90m").isoLength()).isEqualTo("PT1H30M");
        assertThat(Rotation.custom(Rotation.custom("P1DT12H").isoLength())).isEqualTo(Rotation.custom("P1DT12H"));
    }

    @Test
    void malformedLengthsSayWhatWasExpected() {
        assertThatThrownBy(() -> Rotation.custom("3 days"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("length: malformed length \"3 days\": expected an ISO-8601 period or duration such as P3D, PT12H or P1DT12H");
        assertThatThrownBy(() -> Rotation.custom("P1DT")).hasMessageContaining("malformed length \"P1DT\"");
    }

    @Test
    void zeroNegativeTooShortAndTooLongLengthsAreRefused() {
        assertThatThrownBy(() -> Rotation.custom("PT0S")).hasMessage("length: must be positive, got \"PT0S\"");
        assertThatThrownBy(() -> Rotation.custom("P-1D")).hasMessage("length: must not be negative, got \"P-1D\"");
        assertThatThrownBy(() -> Rotation.custom("PT30M")).hasMessage("length: must be at least PT1H, got \"PT30M\"");
        assertThatThrownBy(() -> Rotation.custom("PT1H0.5S")).hasMessageContaining("whole number of minutes");
        assertThatThrownBy(() -> Rotation.custom("P11Y")).hasMessage("length: must be at most 3660 days, got \"P11Y\"");
        assertThatThrownBy(() -> Rotation.weekly(0)).hasMessage("length: must be at least 1, got 0");
        assertThatThrownBy(() -> Rotation.daily(-2)).hasMessage("length: must be at least 1, got -2");
    }
}
