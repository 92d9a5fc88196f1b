package dev.oncall.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.cover.CoverRequest;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.RandomSchedules;
import dev.oncall.core.schedule.Restriction;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.validation.Zones;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Export then import gives back the same schedule, for anything the records accept: the file
 * format must never be stricter than the API, or an exported schedule could not be restored.
 * Overrides, cover requests, layer starts and restriction times carry fractions of a second here
 * (a client with a millisecond clock sends them), and the zone is any IANA name.
 */
class ScheduleSpecRoundTripProperties {
    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(Zones.names().stream().toList()).map(name -> Zones.parse(name).orElseThrow());
    }

    @Property
    void anyScheduleTheRecordsAcceptSurvivesExportAndImport(@ForAll long seed, @ForAll("zones") ZoneId zone,
                                                            @ForAll @IntRange(max = 999_999_999) int nanos) {
        Schedule schedule = withFractions(RandomSchedules.build(seed).schedule(), zone, nanos);

        assertThat(ScheduleSpec.parse(ScheduleSpec.toYaml(schedule), ScheduleSpec.Format.YAML)).isEqualTo(schedule);
        assertThat(ScheduleSpec.parse(ScheduleSpec.toJson(schedule), ScheduleSpec.Format.JSON)).isEqualTo(schedule);
    }

    /** The same schedule in {@code zone}, every instant and local time moved {@code nanos} later. */
    private static Schedule withFractions(Schedule s, ZoneId zone, int nanos) {
        UnaryOperator<Instant> later = t -> t.plusNanos(nanos);
        UnaryOperator<LocalTime> laterLocal = t -> t.withNano(nanos);
        return Schedule.of(zone,
                s.layers().stream().<Layer>map(l -> new Layer(l.name(), l.start().plusNanos(nanos),
                        l.end().map(e -> e.plusNanos(nanos)), l.rotation(), l.participants(), l.usersPerShift(),
                        l.restrictions().stream().<Restriction>map(r -> switch (r) {
                            case Restriction.Daily d -> Restriction.daily(laterLocal.apply(d.start()), d.end());
                            case Restriction.Weekly w -> Restriction.weekly(w.startDay(), laterLocal.apply(w.start()),
                                    w.endDay(), w.end());
                        }).toList())).toList(),
                s.overrides().stream().map(o -> Override.of(o.user(), later.apply(o.start()), later.apply(o.end())))
                        .toList(),
                s.coverRequests().stream().map(c -> new CoverRequest(c.id(), c.requester(), later.apply(c.start()),
                        later.apply(c.end()), c.claimedBy())).toList());
    }
}
