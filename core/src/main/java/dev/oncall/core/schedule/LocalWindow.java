package dev.oncall.core.schedule;

import java.time.LocalDateTime;
import java.util.Objects;

/** One occurrence of a restriction window in local time, before rule 1 turns it into instants. */
public record LocalWindow(LocalDateTime start, LocalDateTime end) {
    public LocalWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " is not after its start " + start);
        }
    }
}
