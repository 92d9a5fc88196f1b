package dev.oncall.core.spec;

import dev.oncall.core.schedule.Gap;
import dev.oncall.core.schedule.Segment;
import dev.oncall.core.schedule.Timeline;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A rendered timeline as JSON: {@code {"segments":[{"start","end","users"}],"gaps":[{"start","end"}]}},
 * instants in UTC to the second. One segment or gap per line, so golden files read and diff
 * well; the CLI prints exactly this.
 */
public final class TimelineJson {
    private TimelineJson() {
    }

    public static String write(Timeline timeline) {
        StringBuilder out = new StringBuilder("{\n  \"segments\": [");
        List<Segment> segments = timeline.segments();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            out.append(i == 0 ? "\n" : ",\n");
            out.append("    {\"start\": ").append(quote(instant(s.start())))
                    .append(", \"end\": ").append(quote(instant(s.end())))
                    .append(", \"users\": [");
            for (int u = 0; u < s.users().size(); u++) {
                out.append(u == 0 ? "" : ", ").append(quote(s.users().get(u).value()));
            }
            out.append("]}");
        }
        out.append(segments.isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"gaps\": [");
        List<Gap> gaps = timeline.gaps();
        for (int i = 0; i < gaps.size(); i++) {
            Gap g = gaps.get(i);
            out.append(i == 0 ? "\n" : ",\n");
            out.append("    {\"start\": ").append(quote(instant(g.start())))
                    .append(", \"end\": ").append(quote(instant(g.end()))).append("}");
        }
        out.append(gaps.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return out.toString();
    }

    /** UTC, to the second: {@code 2026-03-09T13:00:00Z}. */
    public static String instant(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
