package dev.oncall.api.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/** Writes shifts as an RFC 5545 calendar with ical4j; times in UTC, so no VTIMEZONE is needed. */
final class ShiftCalendar {
    private ShiftCalendar() {}

    /** One shift as it appears in a calendar. */
    record Entry(String scheduleId, String userId, Instant start, Instant end, String summary, String description) {}

    static String write(String name, List<Entry> entries, List<Integer> reminderMinutes, Instant now) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Oncall//Shift calendar//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", name));
        // Calendar apps poll subscribed feeds; this asks them to do so hourly.
        calendar.add(new XProperty("X-PUBLISHED-TTL", "PT1H"));
        for (Entry e : entries) {
            VEvent event = new VEvent(false);
            event.add(new Uid(uid(e)));
            event.add(new DtStamp(now));
            event.add(new DtStart<>(e.start()));
            event.add(new DtEnd<>(e.end()));
            event.add(new Summary(e.summary()));
            event.add(new Description(e.description()));
            for (int minutes : reminderMinutes) {
                VAlarm alarm = new VAlarm(Duration.ofMinutes(-minutes));
                alarm.add(ImmutableAction.DISPLAY);
                alarm.add(new Description(e.summary() + " starts in " + minutes + " minutes"));
                event.add(alarm);
            }
            calendar.add(event);
        }
        return calendar.toString();
    }

    /**
     * Stable across fetches for the same turn (schedule, person, start), so a calendar updates
     * a shift whose end moved instead of showing it twice.
     */
    private static String uid(Entry e) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((e.scheduleId() + "|" + e.userId() + "|" + e.start()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16) + "@oncall";
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }
}
