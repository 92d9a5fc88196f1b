package dev.oncall.cli;

import dev.oncall.core.schedule.Gap;
import dev.oncall.core.schedule.Segment;
import dev.oncall.core.schedule.Timeline;
import dev.oncall.core.user.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A timeline for people: local times in the zone they asked for, with the offset so the hour
 * that repeats when clocks go back reads unambiguously, and gaps shown in place.
 */
final class TimelineTable {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm xxx");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx");

    private TimelineTable() {
    }

    private record Row(Instant start, Instant end, String who) {
    }

    static String write(Timeline timeline, Instant from, Instant to, ZoneId scheduleZone, ZoneId shownIn) {
        List<Row> rows = new ArrayList<>();
        for (Segment s : timeline.segments()) {
            rows.add(new Row(s.start(), s.end(), s.users().stream().map(UserRef::value).collect(Collectors.joining(", "))));
        }
        for (Gap g : timeline.gaps()) {
            rows.add(new Row(g.start(), g.end(), "(nobody)"));
        }
        rows.sort(Comparator.comparing(Row::start));
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"FROM", "TO", "LENGTH", "ON CALL"});
        for (Row row : rows) {
            cells.add(new String[] {local(row.start(), shownIn), local(row.end(), shownIn), length(Duration.between(row.start(), row.end())), row.who()});
        }
        int[] widths = new int[3];
        for (String[] line : cells) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Schedule zone ").append(scheduleZone.getId()).append("; times shown in ").append(shownIn.getId())
                .append("; range ").append(local(from, shownIn)).append(" to ").append(local(to, shownIn)).append('\n');
        for (String[] line : cells) {
            for (int c = 0; c < widths.length; c++) {
                out.append(line[c]).append(" ".repeat(widths[c] - line[c].length() + 2));
            }
            out.append(line[3]).append('\n');
        }
        return out.toString();
    }

    static String local(Instant t, ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        return (local.getSecond() == 0 && local.getNano() == 0 ? MINUTES : SECONDS).format(local);
    }

    /** 1d 2h 30m, leaving out zero parts (but never printing nothing). */
    static String length(Duration d) {
        long days = d.toDays();
        int hours = d.toHoursPart();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(days).append("d ");
        }
        if (hours > 0) {
            out.append(hours).append("h ");
        }
        if (minutes > 0) {
            out.append(minutes).append("m ");
        }
        if (seconds > 0 || out.isEmpty()) {
            out.append(seconds).append("s ");
        }
        return out.toString().strip();
    }
}
