package dev.oncall.auditor.check;

import dev.oncall.core.schedule.Segment;
import dev.oncall.core.user.UserRef;
import java.util.List;
import java.util.stream.Collectors;

/** Segments written the way a page shows them: {@code [09:00:00Z–09:02:30Z ann-id; …]}. */
final class Segments {
    private Segments() {}

    static String describe(List<Segment> segments) {
        if (segments.isEmpty()) {
            return "[nobody on call]";
        }
        return segments.stream()
                .map(s -> s.start() + "–" + s.end() + " " + s.users().stream().map(UserRef::value).collect(Collectors.joining(",")))
                .collect(Collectors.joining("; ", "[", "]"));
    }
}
