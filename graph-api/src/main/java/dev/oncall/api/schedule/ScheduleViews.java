package dev.oncall.api.schedule;

import dev.oncall.core.schedule.Gap;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Restriction;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.schedule.Segment;
import dev.oncall.core.schedule.Timeline;
import dev.oncall.core.shift.Shift;
import dev.oncall.core.shift.ShiftSource;
import dev.oncall.core.user.UserRef;
import dev.oncall.store.schedule.StoredLayer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The GraphQL shapes of schedule data, built from the core and store records. */
final class ScheduleViews {
    private ScheduleViews() {}

    record RotationView(Rotation.Type type, Integer length, String period) {}

    record RestrictionView(String type, DayOfWeek startDay, String start, DayOfWeek endDay, String end) {}

    record LayerView(UUID id, UUID scheduleId, String name, int position, RotationView rotation, String start,
                     String end, List<UUID> participantIds, int usersPerShift, List<RestrictionView> restrictions) {}

    record SegmentView(Instant start, Instant end, String startLocal, String endLocal, List<UUID> userIds) {}

    record GapView(Instant start, Instant end, String startLocal, String endLocal) {}

    record TimelineView(String zone, List<SegmentView> segments, List<GapView> gaps) {}

    record ShiftView(UUID userId, Instant start, Instant end, ShiftSource source, int position, String layer,
                     String coverageRequestId) {}

    record UserHours(UUID userId, long seconds) {}

    static List<LayerView> layers(List<StoredLayer> stored) {
        List<LayerView> out = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            out.add(layer(stored.get(i), i));
        }
        return out;
    }

    static LayerView layer(StoredLayer stored, int position) {
        Layer l = stored.layer();
        Rotation r = l.rotation();
        RotationView rotation = new RotationView(r.type(), r.type() == Rotation.Type.CUSTOM ? null : r.count(),
                r.isoLength());
        List<RestrictionView> restrictions = l.restrictions().stream().map(ScheduleViews::restriction).toList();
        return new LayerView(stored.id(), stored.scheduleId(), l.name(), position, rotation, l.start().toString(),
                l.end().map(Object::toString).orElse(null), l.participants().stream().map(UserRef::requireUuid).toList(),
                l.usersPerShift(), restrictions);
    }

    private static RestrictionView restriction(Restriction r) {
        return switch (r) {
            case Restriction.Daily d -> new RestrictionView("DAILY", null, d.start().toString(), null, d.end().toString());
            case Restriction.Weekly w -> new RestrictionView("WEEKLY", w.startDay(), w.start().toString(), w.endDay(),
                    w.end().toString());
        };
    }

    /** The engine's timeline, unchanged, with each instant also written in {@code zone}. */
    static TimelineView timeline(Timeline timeline, ZoneId zone) {
        List<SegmentView> segments = new ArrayList<>();
        for (Segment s : timeline.segments()) {
            segments.add(new SegmentView(s.start(), s.end(), local(s.start(), zone), local(s.end(), zone),
                    s.users().stream().map(UserRef::requireUuid).toList()));
        }
        List<GapView> gaps = new ArrayList<>();
        for (Gap g : timeline.gaps()) {
            gaps.add(new GapView(g.start(), g.end(), local(g.start(), zone), local(g.end(), zone)));
        }
        return new TimelineView(zone.getId(), segments, gaps);
    }

    static ShiftView shift(Shift s) {
        return new ShiftView(s.user().requireUuid(), s.start(), s.end(), s.source(), s.position(),
                s.layer().orElse(null), s.claimedRequest().orElse(null));
    }

    /** An instant as ISO-8601 local date-time with offset in {@code zone}: 2026-03-09T09:00:00-04:00. */
    static String local(Instant t, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).toOffsetDateTime());
    }
}
