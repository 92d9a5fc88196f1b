package dev.oncall.core.shift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.schedule.RandomSchedules;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Splitting stored shifts request by request (what storage does when someone asks for cover)
 * gives the same shifts as materializing the schedule with the requests in it.
 */
class ShiftCoversProperties {
    private static final Comparator<Shift> ORDER =
            Comparator.comparing(Shift::start).thenComparingInt(Shift::position).thenComparing(Shift::user);

    @Provide
    Arbitrary<RandomSchedules.Case> cases() {
        return RandomSchedules.singleUserCases();
    }

    @Property
    void splittingStoredShiftsEqualsMaterializingWithTheRequests(@ForAll("cases") RandomSchedules.Case c) {
        Schedule withRequests = c.schedule();
        Schedule without = withRequests.withCoverRequests(List.of());
        List<Shift> stored = ShiftMaterializer.materialize(without, c.from(), c.to());
        for (CoverRequest request : withRequests.coverRequests()) {
            stored = ShiftCovers.apply(stored, request);
        }
        List<Shift> expected = ShiftMaterializer.materialize(withRequests, c.from(), c.to());
        List<Shift> actual = new ArrayList<>(stored);
        actual.sort(ORDER);
        assertThat(actual).isEqualTo(expected);
    }

    @Property
    void claimingAnOpenRequestLaterEqualsClaimingItAtOnce(@ForAll("cases") RandomSchedules.Case c) {
        List<Shift> open = ShiftMaterializer.materialize(c.schedule().withCoverRequests(List.of()), c.from(), c.to());
        List<Shift> claimedAtOnce = open;
        for (CoverRequest request : c.schedule().coverRequests()) {
            CoverRequest unclaimed = new CoverRequest(request.id(), request.requester(), request.start(), request.end(), java.util.Optional.empty());
            open = ShiftCovers.apply(open, unclaimed);
            claimedAtOnce = ShiftCovers.apply(claimedAtOnce, request);
            if (request.claimedBy().isPresent()) {
                open = ShiftCovers.claim(open, request.id(), request.claimedBy().get());
            }
        }
        assertThat(open).isEqualTo(claimedAtOnce);
    }

    @Property
    void storedShiftsAnswerLikeTheEngine(@ForAll("cases") RandomSchedules.Case c) {
        List<Shift> stored = ShiftMaterializer.materialize(c.schedule().withCoverRequests(List.of()), c.from(), c.to());
        for (CoverRequest request : c.schedule().coverRequests()) {
            stored = ShiftCovers.apply(stored, request);
        }
        ShiftIndex index = ShiftIndex.of(stored);
        long span = c.to().getEpochSecond() - c.from().getEpochSecond();
        for (int i = 0; i <= 64; i++) {
            Instant t = c.from().plusSeconds(span * i / 65);
            assertThat(index.onCallAt(t)).as("at %s", t).isEqualTo(ScheduleEngine.onCallAt(c.schedule(), t));
        }
    }
}
