package dev.oncall.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.shift.Shift;
import dev.oncall.core.shift.ShiftIndex;
import dev.oncall.core.shift.ShiftMaterializer;
import dev.oncall.core.spec.ScheduleSpec;
import dev.oncall.core.user.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The engine's promises, checked on random schedules around clock changes. */
class ScheduleEngineProperties {

    @Provide
    Arbitrary<RandomSchedules.Case> cases() {
        return RandomSchedules.cases();
    }

    @Property
    void segmentsAreOrderedDisjointMergedAndTileTheRangeWithGaps(@ForAll("cases") RandomSchedules.Case c) {
        Timeline timeline = ScheduleEngine.render(c.schedule(), c.from(), c.to());
        List<Instant[]> pieces = new ArrayList<>();
        timeline.segments().forEach(s -> pieces.add(new Instant[] {s.start(), s.end()}));
        timeline.gaps().forEach(g -> pieces.add(new Instant[] {g.start(), g.end()}));
        pieces.sort((a, b) -> a[0].compareTo(b[0]));
        Instant expected = c.from();
        for (Instant[] piece : pieces) {
            assertThat(piece[0]).isEqualTo(expected);
            assertThat(piece[1]).isAfter(piece[0]);
            expected = piece[1];
        }
        assertThat(expected).isEqualTo(c.to());
        for (int i = 1; i < timeline.segments().size(); i++) {
            Segment before = timeline.segments().get(i - 1);
            Segment after = timeline.segments().get(i);
            assertThat(after.start()).isAfterOrEqualTo(before.end());
            if (after.start().equals(before.end())) {
                assertThat(after.users()).isNotEqualTo(before.users());
            }
        }
        for (int i = 1; i < timeline.gaps().size(); i++) {
            assertThat(timeline.gaps().get(i).start()).isAfter(timeline.gaps().get(i - 1).end());
        }
    }

    @Property
    void everyInstantOfTheTimelineAgreesWithOnCallAt(@ForAll("cases") RandomSchedules.Case c) {
        Timeline timeline = ScheduleEngine.render(c.schedule(), c.from(), c.to());
        for (Instant t : probes(c, timeline)) {
            assertThat(timeline.usersAt(t)).as("at %s", t).isEqualTo(ScheduleEngine.onCallAt(c.schedule(), t));
        }
    }

    @Property
    void materializedLookupAgreesWithDirectEvaluation(@ForAll("cases") RandomSchedules.Case c) {
        Timeline timeline = ScheduleEngine.render(c.schedule(), c.from(), c.to());
        ShiftIndex index = ShiftIndex.of(ShiftMaterializer.materialize(c.schedule(), c.from(), c.to()));
        for (Instant t : probes(c, timeline)) {
            assertThat(index.onCallAt(t)).as("at %s", t).isEqualTo(ScheduleEngine.onCallAt(c.schedule(), t));
        }
    }

    @Property
    void materializedShiftsAddUpToEachUsersHours(@ForAll("cases") RandomSchedules.Case c) {
        List<Shift> shifts = ShiftMaterializer.materialize(c.schedule(), c.from(), c.to());
        Map<UserRef, Duration> fromShifts = new HashMap<>();
        for (Shift shift : shifts) {
            assertThat(shift.start()).isAfterOrEqualTo(c.from());
            assertThat(shift.end()).isBeforeOrEqualTo(c.to());
            fromShifts.merge(shift.user(), shift.duration(), Duration::plus);
        }
        assertThat(fromShifts).isEqualTo(ScheduleEngine.hoursByUser(c.schedule(), c.from(), c.to()));
        Map<UserRef, Instant> lastEnd = new HashMap<>();
        for (Shift shift : shifts) {
            Instant previous = lastEnd.put(shift.user(), shift.end());
            if (previous != null) {
                assertThat(shift.start()).as("%s holds one place at a time", shift.user()).isAfterOrEqualTo(previous);
            }
        }
        Map<UserRef, Duration> fromSegments = new HashMap<>();
        for (Segment s : ScheduleEngine.render(c.schedule(), c.from(), c.to()).segments()) {
            s.users().forEach(u -> fromSegments.merge(u, s.duration(), Duration::plus));
        }
        assertThat(fromShifts).isEqualTo(fromSegments);
    }

    @Property
    void renderingTwoHalvesAndMergingEqualsRenderingTheWhole(@ForAll("cases") RandomSchedules.Case c) {
        long span = Duration.between(c.from(), c.to()).toMinutes();
        Instant middle = c.from().plus(Duration.ofMinutes(1 + new Random(c.seed()).nextLong(span - 1)));
        Timeline whole = ScheduleEngine.render(c.schedule(), c.from(), c.to());
        Timeline first = ScheduleEngine.render(c.schedule(), c.from(), middle);
        Timeline second = ScheduleEngine.render(c.schedule(), middle, c.to());
        assertThat(concat(first, second)).isEqualTo(whole);
    }

    @Property
    void nextChangeIsTheFirstInstantTheUsersDiffer(@ForAll("cases") RandomSchedules.Case c) {
        Instant after = c.from();
        List<UserRef> now = ScheduleEngine.onCallAt(c.schedule(), after);
        Optional<Instant> change = ScheduleEngine.nextChange(c.schedule(), after);
        Timeline timeline = ScheduleEngine.render(c.schedule(), after, c.to());
        Instant expected = null;
        for (Instant boundary : boundaries(timeline)) {
            if (boundary.isAfter(after) && boundary.isBefore(c.to())
                    && !ScheduleEngine.onCallAt(c.schedule(), boundary).equals(now)) {
                expected = boundary;
                break;
            }
        }
        if (expected != null) {
            assertThat(change).contains(expected);
        } else {
            change.ifPresent(t -> assertThat(t).isAfterOrEqualTo(c.to()));
        }
        change.ifPresent(t -> assertThat(ScheduleEngine.onCallAt(c.schedule(), t)).isNotEqualTo(now));
    }

    @Property
    void nextHandoffIsAHandoffOfSomeLayer(@ForAll("cases") RandomSchedules.Case c) {
        Optional<Instant> handoff = ScheduleEngine.nextHandoff(c.schedule(), c.from());
        handoff.ifPresent(t -> assertThat(t).isAfter(c.from()));
        Instant earliest = null;
        for (int i = 0; i < c.schedule().layers().size(); i++) {
            LayerPlan plan = new LayerPlan(c.schedule().layers().get(i), c.schedule().zone().getRules());
            for (long k = 0; k < 100_000; k++) {
                Instant h = plan.handoff(k);
                if (plan.end != null && !h.isBefore(plan.end)) {
                    break;
                }
                if (h.isAfter(c.from())) {
                    earliest = earliest == null || h.isBefore(earliest) ? h : earliest;
                    break;
                }
            }
        }
        assertThat(handoff).isEqualTo(Optional.ofNullable(earliest));
    }

    @Property
    void schedulesSurviveExportAndImport(@ForAll("cases") RandomSchedules.Case c) {
        assertThat(ScheduleSpec.parse(ScheduleSpec.toYaml(c.schedule()))).isEqualTo(c.schedule());
        assertThat(ScheduleSpec.parse(ScheduleSpec.toJson(c.schedule()))).isEqualTo(c.schedule());
    }

    /** Every boundary, a second either side of it, the middle of every piece, and random instants. */
    static List<Instant> probes(RandomSchedules.Case c, Timeline timeline) {
        TreeSet<Instant> probes = new TreeSet<>();
        for (Instant b : boundaries(timeline)) {
            probes.add(b);
            probes.add(b.minusSeconds(1));
            probes.add(b.plusSeconds(1));
        }
        timeline.segments().forEach(s -> probes.add(s.start().plus(s.duration().dividedBy(2))));
        timeline.gaps().forEach(g -> probes.add(g.start().plus(g.duration().dividedBy(2))));
        Random random = new Random(c.seed());
        long span = Duration.between(c.from(), c.to()).getSeconds();
        for (int i = 0; i < 20; i++) {
            probes.add(c.from().plusSeconds(random.nextLong(span)));
        }
        return probes.stream().filter(t -> !t.isBefore(c.from()) && t.isBefore(c.to())).toList();
    }

    static List<Instant> boundaries(Timeline timeline) {
        TreeSet<Instant> all = new TreeSet<>();
        timeline.segments().forEach(s -> {
            all.add(s.start());
            all.add(s.end());
        });
        timeline.gaps().forEach(g -> {
            all.add(g.start());
            all.add(g.end());
        });
        return List.copyOf(all);
    }

    /** Two adjacent renderings as one: pieces meeting at the seam merge as rule 7 says. */
    static Timeline concat(Timeline first, Timeline second) {
        List<Segment> segments = new ArrayList<>(first.segments());
        for (Segment s : second.segments()) {
            Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (last != null && last.end().equals(s.start()) && last.users().equals(s.users())) {
                segments.set(segments.size() - 1, last.withEnd(s.end()));
            } else {
                segments.add(s);
            }
        }
        List<Gap> gaps = new ArrayList<>(first.gaps());
        for (Gap g : second.gaps()) {
            Gap last = gaps.isEmpty() ? null : gaps.get(gaps.size() - 1);
            if (last != null && last.end().equals(g.start())) {
                gaps.set(gaps.size() - 1, new Gap(last.start(), g.end()));
            } else {
                gaps.add(g);
            }
        }
        return new Timeline(segments, gaps);
    }
}
