package dev.oncall.api.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CalendarFileTest {
    @Test
    void aTitleBecomesASafeIcsFileName() {
        assertThat(CalendarFile.titled("primary", "").fileName()).isEqualTo("primary.ics");
        assertThat(CalendarFile.titled("../../etc/passwd", "").fileName()).isEqualTo("_.._etc_passwd.ics");
        assertThat(CalendarFile.titled("a\\\\b:c*d?e\"f<g>h|i", "").fileName()).isEqualTo("a__b_c_d_e_f_g_h_i.ics");
        assertThat(CalendarFile.titled("evil\u202Eslc.exe", "").fileName()).as("no right-to-left override")
                .isEqualTo("evil_slc.exe.ics");
        assertThat(CalendarFile.titled("tab\there\u0000", "").fileName()).isEqualTo("tab_here_.ics");
        assertThat(CalendarFile.titled("Rufbereitschaft 日本", "").fileName()).isEqualTo("Rufbereitschaft 日本.ics");
    }

    @Test
    void emptyHiddenAndOverlongTitlesStillNameAFile() {
        assertThat(CalendarFile.titled("   ", "").fileName()).isEqualTo("calendar.ics");
        assertThat(CalendarFile.titled("...", "").fileName()).isEqualTo("calendar.ics");
        assertThat(CalendarFile.titled(".hidden", "").fileName()).isEqualTo("hidden.ics");
        assertThat(CalendarFile.titled("x".repeat(99) + "😀", "").fileName()).as("a pair is never split")
                .isEqualTo("x".repeat(99) + ".ics");
        assertThat(CalendarFile.titled("y".repeat(300), "").fileName()).hasSize(104);
    }

    @Test
    void anUnsafeNameIsRefused() {
        assertThatThrownBy(() -> new CalendarFile("a/b.ics", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CalendarFile("a.txt", "")).isInstanceOf(IllegalArgumentException.class);
    }
}
