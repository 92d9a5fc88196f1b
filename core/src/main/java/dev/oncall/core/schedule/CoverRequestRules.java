package dev.oncall.core.schedule;

import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.Fields;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import dev.oncall.core.validation.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What a person may ask for cover for, and who may take it: the rules storage applies when a
 * request is made or claimed (docs/schedules.md, "Cover requests"). Status changes are
 * {@link CoverRequestStatus#claim()} and {@link CoverRequestStatus#cancel()}.
 */
public final class CoverRequestRules {
    /** Characters in a request's reason. */
    public static final int MAX_REASON = 1000;
    /** The longest cover request: it is checked against the engine over its whole span. */
    public static final Duration MAX_LENGTH = Duration.ofDays(366);

    private CoverRequestRules() {
    }

    /** Records every problem with a new request's own fields; a null field was missing and is skipped. */
    public static void checkRequest(Problems problems, Instant start, Instant end, String reason) {
        Fields.range(problems, start, end);
        if (start != null && end != null && Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            problems.add("end", "a cover request may span at most " + MAX_LENGTH.toDays() + " days");
        }
        Text.optional(problems, "reason", reason, MAX_REASON);
    }

    /** One person's open or claimed requests must not overlap: "whose time is claimed" would be ambiguous. */
    public static void checkNoOverlap(int overlappingRequestsOfRequester) {
        if (overlappingRequestsOfRequester > 0) {
            throw ValidationException.of("start", "overlaps another cover request of the same person");
        }
    }

    /**
     * A request only means something for time the requester holds through a rotation layer
     * (overrides are not covered, see {@code ShiftCovers}): refuses one that would change nothing.
     */
    public static void checkRequesterOnCall(Schedule schedule, UserRef requester, Instant start, Instant end) {
        if (!holdsRotationTime(schedule, requester, start, end)) {
            throw ValidationException.of("start", "the requester is not on call through a rotation at any time between "
                    + start + " and " + end);
        }
    }

    /** Whether {@code user} holds any of [start, end) through a layer, not an override or a claim. */
    public static boolean holdsRotationTime(Schedule schedule, UserRef user, Instant start, Instant end) {
        return ScheduleEngine.explain(schedule, start, end).stream()
                .flatMap(piece -> piece.assignments().stream())
                .anyMatch(a -> a.user().equals(user) && !a.isOverride() && !a.isClaimed());
    }

    /** Nobody covers their own request. */
    public static void checkClaimer(UUID requester, UUID claimer) {
        if (claimer.equals(requester)) {
            throw ValidationException.of("claimer", "you cannot cover your own request");
        }
    }
}
