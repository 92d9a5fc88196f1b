package dev.oncall.core.schedule;

import static dev.oncall.core.user.UserRefs.ref;
import static dev.oncall.core.user.UserRefs.refs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.user.UserRef;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleEngineTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final LocalDateTime MONDAY = LocalDateTime.parse("2026-05-04T09:00");

    private static Instant t(String instant) {
        return Instant.parse(instant);
    }

    private static Layer daily(String name, String... people) {
        return Layer.of(name, MONDAY, Rotation.daily(1), refs(people));
    }

    @Test
    void usersOfAShiftFollowTheFormula() {
        Schedule s = Schedule.of(UTC, List.of(daily("pairs", "a", "b", "c").withUsersPerShift(2)));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T10:00:00Z"))).containsExactlyElementsOf(refs("a", "b"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-05T10:00:00Z"))).containsExactlyElementsOf(refs("c", "a"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-06T10:00:00Z"))).containsExactlyElementsOf(refs("b", "c"));
    }

    @Test
    void aParticipantListedTwiceTakesTwoTurnsButOnePlaceInAShift() {
        Schedule s = Schedule.of(UTC, List.of(daily("twice", "a", "b", "a").withUsersPerShift(3)));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T10:00:00Z"))).containsExactlyElementsOf(refs("a", "b"));
    }

    @Test
    void aLayerIsOffBeforeItsStartAndFromItsEnd() {
        Schedule s = Schedule.of(UTC, List.of(daily("p", "a").withEnd(MONDAY.plusDays(1))));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T08:59:59Z"))).isEmpty();
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T09:00:00Z"))).containsExactlyElementsOf(refs("a"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-05T08:59:59Z"))).containsExactlyElementsOf(refs("a"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-05T09:00:00Z"))).isEmpty();
    }

    @Test
    void theLastListedLayerThatCoversAnInstantWins() {
        Layer low = daily("low", "a");
        Layer high = daily("high", "b")
                .withRestrictions(List.of(Restriction.daily(LocalTime.of(12, 0), LocalTime.of(13, 0))));
        Schedule s = Schedule.of(UTC, List.of(low, high));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T11:00:00Z"))).containsExactlyElementsOf(refs("a"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T12:30:00Z"))).containsExactlyElementsOf(refs("b"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T13:00:00Z"))).containsExactlyElementsOf(refs("a"));
    }

    @Test
    void restrictionsMaskTimeButNeverChangeWhoseTurnItIs() {
        // Only Wednesdays are open: Monday's and Tuesday's turns pass unseen, Wednesday is c's.
        Layer layer = daily("p", "a", "b", "c").withRestrictions(List.of(
                Restriction.weekly(DayOfWeek.WEDNESDAY, LocalTime.of(0, 0), DayOfWeek.THURSDAY, LocalTime.of(0, 0))));
        Schedule s = Schedule.of(UTC, List.of(layer));
        Timeline timeline = ScheduleEngine.render(s, t("2026-05-04T00:00:00Z"), t("2026-05-08T00:00:00Z"));
        assertThat(timeline.segments()).containsExactly(
                new Segment(t("2026-05-06T00:00:00Z"), t("2026-05-06T09:00:00Z"), refs("b")),
                new Segment(t("2026-05-06T09:00:00Z"), t("2026-05-07T00:00:00Z"), refs("c")));
        assertThat(timeline.gaps()).containsExactly(
                new Gap(t("2026-05-04T00:00:00Z"), t("2026-05-06T00:00:00Z")),
                new Gap(t("2026-05-07T00:00:00Z"), t("2026-05-08T00:00:00Z")));
    }

    @Test
    void overridesWinOverEveryLayerAndTheLastListedOverlappingOneWins() {
        Schedule s = Schedule.of(UTC, List.of(daily("p", "a")),
                List.of(Override.of(ref("x"), t("2026-05-04T10:00:00Z"), t("2026-05-04T14:00:00Z")),
                        Override.of(ref("y"), t("2026-05-04T12:00:00Z"), t("2026-05-04T13:00:00Z")),
                        Override.of(ref("z"), t("2026-05-04T20:00:00Z"), t("2026-05-04T21:00:00Z"))),
                List.of());
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T11:00:00Z"))).containsExactlyElementsOf(refs("x"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T12:30:00Z"))).containsExactlyElementsOf(refs("y"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T13:30:00Z"))).containsExactlyElementsOf(refs("x"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T02:00:00Z"))).isEmpty();
        assertThat(ScheduleEngine.render(s, t("2026-05-04T09:00:00Z"), t("2026-05-05T00:00:00Z")).segments())
                .extracting(Segment::users)
                .containsExactly(refs("a"), refs("x"), refs("y"), refs("x"), refs("a"), refs("z"), refs("a"));
    }

    @Test
    void anOverrideFillsAGap() {
        Schedule s = Schedule.of(UTC, List.of(), List.of(Override.of(ref("x"), t("2026-05-04T10:00:00Z"), t("2026-05-04T11:00:00Z"))),
                List.of());
        Timeline timeline = ScheduleEngine.render(s, t("2026-05-04T00:00:00Z"), t("2026-05-05T00:00:00Z"));
        assertThat(timeline.segments()).containsExactly(
                new Segment(t("2026-05-04T10:00:00Z"), t("2026-05-04T11:00:00Z"), refs("x")));
        assertThat(timeline.gaps()).hasSize(2);
    }

    @Test
    void aClaimedRequestHandsOverExactlyTheRequestersTime() {
        Layer pairs = daily("pairs", "a", "b").withUsersPerShift(2);
        CoverRequest claimed = CoverRequest.open("c1", ref("a"), t("2026-05-04T12:00:00Z"), t("2026-05-04T14:00:00Z")).claim(ref("z"));
        Schedule s = Schedule.of(UTC, List.of(pairs), List.of(), List.of(claimed));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T11:59:59Z"))).containsExactlyElementsOf(refs("a", "b"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T12:00:00Z"))).containsExactlyElementsOf(refs("z", "b"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T14:00:00Z"))).containsExactlyElementsOf(refs("a", "b"));
    }

    @Test
    void aClaimBySomeoneAlreadyOnCallLeavesThemListedOnce() {
        Layer pairs = daily("pairs", "a", "b").withUsersPerShift(2);
        CoverRequest claimed = CoverRequest.open("c1", ref("a"), t("2026-05-04T12:00:00Z"), t("2026-05-04T14:00:00Z")).claim(ref("b"));
        Schedule s = Schedule.of(UTC, List.of(pairs), List.of(), List.of(claimed));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T13:00:00Z"))).containsExactlyElementsOf(refs("b"));
    }

    @Test
    void anOpenRequestChangesNobody() {
        CoverRequest open = CoverRequest.open("c1", ref("a"), t("2026-05-04T12:00:00Z"), t("2026-05-04T14:00:00Z"));
        Schedule s = Schedule.of(UTC, List.of(daily("p", "a")), List.of(), List.of(open));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T13:00:00Z"))).containsExactlyElementsOf(refs("a"));
    }

    @Test
    void anOverrideWinsOverAClaim() {
        CoverRequest claimed = CoverRequest.open("c1", ref("a"), t("2026-05-04T12:00:00Z"), t("2026-05-04T14:00:00Z")).claim(ref("z"));
        Schedule s = Schedule.of(UTC, List.of(daily("p", "a")),
                List.of(Override.of(ref("o"), t("2026-05-04T13:00:00Z"), t("2026-05-04T15:00:00Z"))), List.of(claimed));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T12:30:00Z"))).containsExactlyElementsOf(refs("z"));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T13:30:00Z"))).containsExactlyElementsOf(refs("o"));
    }

    @Test
    void aRequestForTimeTheRequesterDoesNotHoldChangesNobody() {
        CoverRequest claimed = CoverRequest.open("c1", ref("q"), t("2026-05-04T12:00:00Z"), t("2026-05-04T14:00:00Z")).claim(ref("z"));
        Schedule s = Schedule.of(UTC, List.of(daily("p", "a")), List.of(), List.of(claimed));
        assertThat(ScheduleEngine.onCallAt(s, t("2026-05-04T13:00:00Z"))).containsExactlyElementsOf(refs("a"));
    }

    @Test
    void nextChangeIsTheNextHandoffWhenTheHolderChanges() {
        Schedule s = Schedule.of(ZoneId.of("America/New_York"),
                List.of(Layer.of("p", LocalDateTime.parse("2026-03-07T09:00"), Rotation.daily(1), refs("a", "b"))));
        // 03-08 09:00 is EDT: 13:00Z, a 23-hour day.
        assertThat(ScheduleEngine.nextChange(s, t("2026-03-07T15:00:00Z"))).contains(t("2026-03-08T13:00:00Z"));
        assertThat(ScheduleEngine.nextHandoff(s, t("2026-03-07T15:00:00Z"))).contains(t("2026-03-08T13:00:00Z"));
    }

    @Test
    void nextChangeSkipsHandoffsToTheSamePerson() {
        Schedule s = Schedule.of(UTC, List.of(daily("solo", "a")),
                List.of(Override.of(ref("o"), t("2026-09-01T00:00:00Z"), t("2026-09-02T00:00:00Z"))), List.of());
        assertThat(ScheduleEngine.nextHandoff(s, t("2026-05-04T10:00:00Z"))).contains(t("2026-05-05T09:00:00Z"));
        assertThat(ScheduleEngine.nextChange(s, t("2026-05-04T10:00:00Z"))).contains(t("2026-09-01T00:00:00Z"));
        assertThat(ScheduleEngine.nextChange(s, t("2026-09-01T10:00:00Z"))).contains(t("2026-09-02T00:00:00Z"));
    }

    @Test
    void aSteadyScheduleNeverChanges() {
        Schedule s = Schedule.of(UTC, List.of(daily("solo", "a")));
        assertThat(ScheduleEngine.nextChange(s, t("2026-05-04T10:00:00Z"))).isEmpty();
        assertThat(ScheduleEngine.nextChange(s, t("2026-05-01T00:00:00Z"))).contains(t("2026-05-04T09:00:00Z"));
    }

    @Test
    void nextChangeFindsTheEndOfTheLastLayer() {
        Schedule s = Schedule.of(UTC, List.of(daily("solo", "a").withEnd(MONDAY.plusYears(3))));
        assertThat(ScheduleEngine.nextChange(s, t("2026-05-04T10:00:00Z"))).contains(t("2029-05-04T09:00:00Z"));
        assertThat(ScheduleEngine.nextHandoff(s, t("2029-05-04T08:00:00Z"))).isEmpty();
    }

    @Test
    void nextHandoffCountsMaskedHandoffs() {
        Layer nights = daily("p", "a", "b").withRestrictions(List.of(Restriction.daily(LocalTime.of(22, 0), LocalTime.of(6, 0))));
        Schedule s = Schedule.of(UTC, List.of(nights));
        assertThat(ScheduleEngine.nextHandoff(s, t("2026-05-04T10:00:00Z"))).contains(t("2026-05-05T09:00:00Z"));
        assertThat(ScheduleEngine.nextChange(s, t("2026-05-04T10:00:00Z"))).contains(t("2026-05-04T22:00:00Z"));
    }

    @Test
    void hoursByUserCountsASharedShiftForEachUser() {
        Schedule s = Schedule.of(UTC, List.of(daily("pairs", "a", "b", "c").withUsersPerShift(2)));
        Map<UserRef, Duration> hours = ScheduleEngine.hoursByUser(s, t("2026-05-04T09:00:00Z"), t("2026-05-07T09:00:00Z"));
        assertThat(hours).containsExactly(
                Map.entry(ref("a"), Duration.ofHours(48)), Map.entry(ref("b"), Duration.ofHours(48)),
                Map.entry(ref("c"), Duration.ofHours(48)));
    }

    @Test
    void gapsAreTheTimesNobodyIsOnCall() {
        Schedule s = Schedule.of(UTC, List.of(daily("p", "a").withEnd(MONDAY.plusDays(1))));
        assertThat(ScheduleEngine.gaps(s, t("2026-05-04T00:00:00Z"), t("2026-05-06T00:00:00Z"))).containsExactly(
                new Gap(t("2026-05-04T00:00:00Z"), t("2026-05-04T09:00:00Z")),
                new Gap(t("2026-05-05T09:00:00Z"), t("2026-05-06T00:00:00Z")));
    }

    @Test
    void explainSaysWhyEachUserIsOnCall() {
        CoverRequest open = CoverRequest.open("c1", ref("a"), t("2026-05-04T12:00:00Z"), t("2026-05-04T14:00:00Z"));
        Schedule s = Schedule.of(UTC, List.of(daily("p", "a")), List.of(), List.of(open));
        List<ExplainedSegment> pieces = ScheduleEngine.explain(s, t("2026-05-04T10:00:00Z"), t("2026-05-04T16:00:00Z"));
        assertThat(pieces).extracting(p -> p.assignments().get(0).openRequest())
                .containsExactly(Optional.empty(), Optional.of("c1"), Optional.empty());
        assertThat(pieces.get(1).assignments().get(0)).isEqualTo(Assignment.fromLayer(ref("a"), 0, 0).withOpenRequest("c1"));
    }

    @Test
    void rangesOutsideTheSupportedTimeLineAreRefused() {
        Schedule s = Schedule.of(UTC, List.of(daily("p", "a")));
        assertThatThrownBy(() -> ScheduleEngine.render(s, t("2026-05-04T00:00:00Z"), t("2026-05-04T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be after from");
        assertThatThrownBy(() -> ScheduleEngine.onCallAt(s, t("3001-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at must be between");
    }

    @Test
    void nothingDependsOnTheJvmDefaultZone() {
        // The suite runs under UTC and under Pacific/Chatham; this documents which one is active.
        Schedule s = Schedule.of(ZoneId.of("Asia/Kathmandu"), List.of(daily("p", "a", "b")));
        assertThat(ScheduleEngine.nextHandoff(s, t("2026-05-04T10:00:00Z"))).contains(t("2026-05-05T03:15:00Z"));
    }
}
