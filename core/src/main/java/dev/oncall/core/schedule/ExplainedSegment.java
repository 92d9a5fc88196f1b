package dev.oncall.core.schedule;

import dev.oncall.core.user.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A piece of the timeline over which nothing about who is on call, or why, changes. Unlike
 * {@link Segment}s these are not merged, so a handoff between two shifts of the same user
 * stays visible; shift materialization is built from them.
 */
public record ExplainedSegment(Instant start, Instant end, List<Assignment> assignments) {
    public ExplainedSegment {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        assignments = List.copyOf(assignments);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("segment end " + end + " is not after its start " + start);
        }
        if (assignments.isEmpty()) {
            throw new IllegalArgumentException("an explained segment names at least one user");
        }
    }

    /** The users in order, as {@link Segment#users()}. */
    public List<UserRef> users() {
        return assignments.stream().map(Assignment::user).toList();
    }
}
