package dev.oncall.core.shift;

import static dev.oncall.core.user.UserRefs.ref;
import static dev.oncall.core.user.UserRefs.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShiftIndexTest {
    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static Shift at(String start, String end, String user, int position) {
        return new Shift(t(start), t(end), ref(user), ShiftSource.ROTATION, position, Optional.of("p"), Optional.empty(), Optional.empty());
    }

    @Test
    void answersWhoHoldsAShiftAtAnInstantHalfOpen() {
        ShiftIndex index = ShiftIndex.of(List.of(
                at("2026-05-04T09:00:00Z", "2026-05-05T09:00:00Z", "a", 0),
                at("2026-05-05T09:00:00Z", "2026-05-06T09:00:00Z", "b", 0)));
        assertThat(index.onCallAt(t("2026-05-04T08:59:59Z"))).isEmpty();
        assertThat(index.onCallAt(t("2026-05-04T09:00:00Z"))).containsExactlyElementsOf(refs("a"));
        assertThat(index.onCallAt(t("2026-05-05T08:59:59.999999999Z"))).containsExactlyElementsOf(refs("a"));
        assertThat(index.onCallAt(t("2026-05-05T09:00:00Z"))).containsExactlyElementsOf(refs("b"));
        assertThat(index.onCallAt(t("2026-05-06T09:00:00Z"))).isEmpty();
    }

    @Test
    void listsUsersByPositionAndEachOnce() {
        ShiftIndex index = ShiftIndex.of(List.of(
                at("2026-05-04T09:00:00Z", "2026-05-05T09:00:00Z", "b", 1),
                at("2026-05-04T09:00:00Z", "2026-05-05T09:00:00Z", "a", 0),
                at("2026-05-04T12:00:00Z", "2026-05-04T13:00:00Z", "b", 0)));
        assertThat(index.onCallAt(t("2026-05-04T10:00:00Z"))).containsExactlyElementsOf(refs("a", "b"));
        assertThat(index.onCallAt(t("2026-05-04T12:30:00Z"))).containsExactlyElementsOf(refs("a", "b"));
        assertThat(index.onCallAt(t("2026-05-04T12:30:00Z"))).hasSize(2);
    }

    @Test
    void gapsBetweenShiftsAreEmptyAndMergedIntervalsAreShared() {
        ShiftIndex index = ShiftIndex.of(List.of(
                at("2026-05-04T09:00:00Z", "2026-05-04T10:00:00Z", "a", 0),
                at("2026-05-04T10:00:00Z", "2026-05-04T11:00:00Z", "a", 0),
                at("2026-05-04T12:00:00Z", "2026-05-04T13:00:00Z", "c", 0)));
        assertThat(index.onCallAt(t("2026-05-04T11:30:00Z"))).isEmpty();
        assertThat(index.onCallAt(t("2026-05-04T12:30:00Z"))).containsExactlyElementsOf(refs("c"));
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void anEmptyIndexKnowsNobody() {
        assertThat(ShiftIndex.of(List.of()).onCallAt(t("2026-05-04T11:30:00Z"))).isEmpty();
    }
}
