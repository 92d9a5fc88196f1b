package dev.oncall.core.schedule;

import static dev.oncall.core.user.UserRefs.ref;
import static dev.oncall.core.user.UserRefs.refs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CoverRequestRulesTest {
    private static final Instant NINE = Instant.parse("2026-05-04T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-05-04T10:00:00Z");
    /** "a" takes Monday 09:00 to Tuesday 09:00 (UTC), "b" the day after. */
    private static final Schedule DAILY = Schedule.of(ZoneId.of("UTC"), List.of(
            Layer.of("daily", LocalDateTime.parse("2026-05-04T09:00"), Rotation.daily(1), refs("a", "b"))));

    private static List<String> fields(Problems problems) {
        return problems.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aShortRequestWithAReasonIsAccepted() {
        Problems problems = new Problems();
        CoverRequestRules.checkRequest(problems, NINE, TEN, "dentist");
        assertThat(fields(problems)).isEmpty();
    }

    @Test
    void aRequestMustEndAfterItStarts() {
        Problems problems = new Problems();
        CoverRequestRules.checkRequest(problems, TEN, NINE, "");
        assertThat(fields(problems)).isNotEmpty();
    }

    @Test
    void aRequestSpansAtMostAYearAndADay() {
        Problems atLimit = new Problems();
        CoverRequestRules.checkRequest(atLimit, NINE, NINE.plus(CoverRequestRules.MAX_LENGTH), null);
        assertThat(fields(atLimit)).isEmpty();

        Problems over = new Problems();
        CoverRequestRules.checkRequest(over, NINE, NINE.plus(CoverRequestRules.MAX_LENGTH).plusSeconds(1), null);
        assertThat(fields(over)).containsExactly("end");
    }

    @Test
    void aReasonIsLimitedInLength() {
        Problems problems = new Problems();
        CoverRequestRules.checkRequest(problems, NINE, TEN, "x".repeat(CoverRequestRules.MAX_REASON + 1));
        assertThat(fields(problems)).containsExactly("reason");
    }

    @Test
    void oneOverlappingRequestOfTheSamePersonIsRefused() {
        assertThatCode(() -> CoverRequestRules.checkNoOverlap(0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> CoverRequestRules.checkNoOverlap(1)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("overlaps another cover request");
    }

    @Test
    void onlySomeoneOnCallThroughARotationMayAskForCover() {
        assertThat(CoverRequestRules.holdsRotationTime(DAILY, ref("a"), NINE, TEN)).isTrue();
        assertThat(CoverRequestRules.holdsRotationTime(DAILY, ref("b"), NINE, TEN)).isFalse();
        assertThat(CoverRequestRules.holdsRotationTime(DAILY, ref("b"), NINE, NINE.plus(Duration.ofDays(2)))).isTrue();
        assertThatThrownBy(() -> CoverRequestRules.checkRequesterOnCall(DAILY, ref("b"), NINE, TEN))
                .isInstanceOf(ValidationException.class).hasMessageContaining("not on call through a rotation");
    }

    @Test
    void timeHeldThroughAnOverrideCannotBeCovered() {
        Schedule overridden = DAILY.withOverrides(List.of(Override.of(ref("b"), NINE, TEN)));
        assertThat(CoverRequestRules.holdsRotationTime(overridden, ref("b"), NINE, TEN)).isFalse();
    }

    @Test
    void nobodyCoversTheirOwnRequest() {
        UUID ann = UUID.randomUUID();
        assertThatCode(() -> CoverRequestRules.checkClaimer(ann, UUID.randomUUID())).doesNotThrowAnyException();
        assertThatThrownBy(() -> CoverRequestRules.checkClaimer(ann, ann)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("your own request");
    }
}
