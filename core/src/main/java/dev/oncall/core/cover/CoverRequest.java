package dev.oncall.core.cover;

import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.Fields;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A cover request: {@code requester} asks someone to take [start, end) of their on-call time.
 * While it is open the requester stays on call; once claimed, the claimer holds exactly the
 * requester's time inside [start, end) — after the layers are evaluated and before overrides,
 * so an override still wins (docs/schedules.md, "Cover requests").
 */
public record CoverRequest(String id, UserRef requester, Instant start, Instant end, Optional<UserRef> claimedBy) {
    public CoverRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(claimedBy, "claimedBy");
        Problems problems = new Problems();
        check(problems, id, requester.value(), start, end, claimedBy.map(UserRef::value));
        problems.throwIfAny();
    }

    /** An open request, nobody has claimed it yet. */
    public static CoverRequest open(String id, UserRef requester, Instant start, Instant end) {
        return new CoverRequest(id, requester, start, end, Optional.empty());
    }

    /** The same request, claimed by {@code claimer}. */
    public CoverRequest claim(UserRef claimer) {
        return new CoverRequest(id, requester, start, end, Optional.of(claimer));
    }

    public boolean isClaimed() {
        return claimedBy.isPresent();
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public boolean overlaps(Instant otherStart, Instant otherEnd) {
        return start.isBefore(otherEnd) && otherStart.isBefore(end);
    }

    /** Records every problem with these fields, people as the text naming them; a null field was missing or unreadable and is skipped. */
    public static void check(Problems problems, String id, String requester, Instant start, Instant end,
            Optional<String> claimedBy) {
        Text.name(problems, "id", id, Fields.MAX_NAME_LENGTH);
        Text.name(problems, "requester", requester, Fields.MAX_NAME_LENGTH);
        Fields.range(problems, start, end);
        if (claimedBy != null && claimedBy.isPresent()) {
            Text.name(problems, "claimedBy", claimedBy.get(), Fields.MAX_NAME_LENGTH);
            if (claimedBy.get().equals(requester)) {
                problems.add("claimedBy", "must be someone other than the requester (" + requester + ")");
            }
        }
    }
}
