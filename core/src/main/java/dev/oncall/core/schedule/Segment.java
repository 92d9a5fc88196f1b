package dev.oncall.core.schedule;

import dev.oncall.core.user.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** [start, end) during which exactly {@code users} are on call, in their shift order (rule 3). */
public record Segment(Instant start, Instant end, List<UserRef> users) {
    public Segment {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        users = List.copyOf(users);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("segment end " + end + " is not after its start " + start);
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a segment names at least one user; time nobody covers is a Gap");
        }
        if (new HashSet<>(users).size() != users.size()) {
            throw new IllegalArgumentException("a segment names each user once, got " + users);
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public Segment withEnd(Instant newEnd) {
        return new Segment(start, newEnd, users);
    }
}
