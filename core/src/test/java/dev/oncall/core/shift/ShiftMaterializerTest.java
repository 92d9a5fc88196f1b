package dev.oncall.core.shift;

import static dev.oncall.core.user.UserRefs.ref;
import static dev.oncall.core.user.UserRefs.refs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.Restriction;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.Schedule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShiftMaterializerTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant FROM = Instant.parse("2026-05-04T09:00:00Z");
    private static final Instant TO = Instant.parse("2026-05-06T09:00:00Z");

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static Layer daily(String... people) {
        return Layer.of("p", LocalDateTime.parse("2026-05-04T09:00"), Rotation.daily(1), refs(people));
    }

    @Test
    void aSharedShiftBecomesOneRecordPerUserInOrder() {
        Schedule s = Schedule.of(UTC, List.of(daily("a", "b", "c").withUsersPerShift(2)));
        List<Shift> shifts = ShiftMaterializer.materialize(s, FROM, TO);
        assertThat(shifts).containsExactly(
                new Shift(FROM, t("2026-05-05T09:00:00Z"), ref("a"), ShiftSource.ROTATION, 0, Optional.of("p"), Optional.empty(), Optional.empty()),
                new Shift(FROM, t("2026-05-05T09:00:00Z"), ref("b"), ShiftSource.ROTATION, 1, Optional.of("p"), Optional.empty(), Optional.empty()),
                new Shift(t("2026-05-05T09:00:00Z"), TO, ref("c"), ShiftSource.ROTATION, 0, Optional.of("p"), Optional.empty(), Optional.empty()),
                new Shift(t("2026-05-05T09:00:00Z"), TO, ref("a"), ShiftSource.ROTATION, 1, Optional.of("p"), Optional.empty(), Optional.empty()));
    }

    @Test
    void twoTurnsOfTheSameUserStayTwoShifts() {
        Schedule s = Schedule.of(UTC, List.of(daily("solo")));
        assertThat(ShiftMaterializer.materialize(s, FROM, TO)).containsExactly(
                Shift.rotation(FROM, t("2026-05-05T09:00:00Z"), ref("solo"), "p"),
                Shift.rotation(t("2026-05-05T09:00:00Z"), TO, ref("solo"), "p"));
    }

    @Test
    void restrictionsCutATurnIntoOneShiftPerWindow() {
        Layer layer = daily("a").withRestrictions(List.of(
                Restriction.daily(LocalTime.of(10, 0), LocalTime.of(12, 0)),
                Restriction.daily(LocalTime.of(13, 0), LocalTime.of(17, 0))));
        List<Shift> shifts = ShiftMaterializer.materialize(Schedule.of(UTC, List.of(layer)), FROM, t("2026-05-05T00:00:00Z"));
        assertThat(shifts).containsExactly(
                Shift.rotation(t("2026-05-04T10:00:00Z"), t("2026-05-04T12:00:00Z"), ref("a"), "p"),
                Shift.rotation(t("2026-05-04T13:00:00Z"), t("2026-05-04T17:00:00Z"), ref("a"), "p"));
    }

    @Test
    void anOverrideCutsTheTurnAndIsItsOwnShift() {
        Schedule s = Schedule.of(UTC, List.of(daily("a")),
                List.of(Override.of(ref("o"), t("2026-05-04T12:00:00Z"), t("2026-05-04T13:00:00Z"))), List.of());
        assertThat(ShiftMaterializer.materialize(s, FROM, t("2026-05-04T15:00:00Z"))).containsExactly(
                Shift.rotation(FROM, t("2026-05-04T12:00:00Z"), ref("a"), "p"),
                Shift.override(t("2026-05-04T12:00:00Z"), t("2026-05-04T13:00:00Z"), ref("o")),
                Shift.rotation(t("2026-05-04T13:00:00Z"), t("2026-05-04T15:00:00Z"), ref("a"), "p"));
    }

    @Test
    void anOpenRequestInTheMiddleSplitsTheShiftInThreeAndMarksTheMiddle() {
        CoverRequest open = CoverRequest.open("c1", ref("a"), t("2026-05-04T12:00:00Z"), t("2026-05-04T14:00:00Z"));
        Schedule s = Schedule.of(UTC, List.of(daily("a", "b")), List.of(), List.of(open));
        List<Shift> shifts = ShiftMaterializer.materialize(s, FROM, t("2026-05-05T09:00:00Z"));
        assertThat(shifts).containsExactly(
                Shift.rotation(FROM, t("2026-05-04T12:00:00Z"), ref("a"), "p"),
                Shift.rotation(t("2026-05-04T12:00:00Z"), t("2026-05-04T14:00:00Z"), ref("a"), "p").withOpenRequest("c1"),
                Shift.rotation(t("2026-05-04T14:00:00Z"), t("2026-05-05T09:00:00Z"), ref("a"), "p"));
    }

    @Test
    void aClaimedRequestGivesExactlyThatPartToTheClaimer() {
        CoverRequest claimed = CoverRequest.open("c1", ref("a"), t("2026-05-04T12:00:00Z"), t("2026-05-04T14:00:00Z")).claim(ref("z"));
        Schedule s = Schedule.of(UTC, List.of(daily("a", "b")), List.of(), List.of(claimed));
        List<Shift> shifts = ShiftMaterializer.materialize(s, FROM, t("2026-05-05T09:00:00Z"));
        assertThat(shifts.get(1)).isEqualTo(new Shift(t("2026-05-04T12:00:00Z"), t("2026-05-04T14:00:00Z"), ref("z"),
                ShiftSource.COVERAGE, 0, Optional.of("p"), Optional.of("c1"), Optional.empty()));
        assertThat(shifts).hasSize(3);
    }

    @Test
    void theDefaultHorizonIsSixMonths() {
        Schedule s = Schedule.of(UTC, List.of(daily("a", "b")));
        List<Shift> shifts = ShiftMaterializer.materialize(s, FROM);
        assertThat(shifts.get(shifts.size() - 1).end()).isEqualTo(FROM.plus(ShiftMaterializer.DEFAULT_HORIZON));
        assertThat(shifts).hasSize(184);
    }
}
