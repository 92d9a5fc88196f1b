package dev.oncall.api.schedule;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.team.Role;
import dev.oncall.store.schedule.CoverRequests;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.schedule.StoredCoverRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * Cover requests: responders ask for cover and claim others' requests; the requester or a
 * manager cancels. Whether the requester is on call, and which part a claim takes, is decided
 * by the engine in the store's transaction, against the configuration being written over.
 */
@Controller
class CoverRequestController {
    private final Schedules schedules;
    private final CoverRequests coverRequests;
    private final Clock clock;

    CoverRequestController(Schedules schedules, CoverRequests coverRequests, Clock clock) {
        this.schedules = schedules;
        this.coverRequests = coverRequests;
        this.clock = clock;
    }

    record RequestCoverageInput(UUID scheduleId, Instant start, Instant end, String reason) {}

    record IdInput(UUID id) {}

    /** The SDL's name for a cover request's payload. */
    record CoverageRequestPayload(StoredCoverRequest coverageRequest, List<UserError> userErrors) {}

    @MutationMapping
    CoverageRequestPayload requestCoverage(Caller caller, @Argument RequestCoverageInput input) {
        return Mutations.attempt(() -> {
            ScheduleInfo info = Access.named(caller, schedules.find(input.scheduleId()), ScheduleInfo::teamId, "scheduleId",
                    "schedule");
            UUID requester = Access.person(caller);
            Access.require(caller, info.teamId(), Role.RESPONDER);
            return new CoverageRequestPayload(coverRequests.request(info.id(), requester, input.start(), input.end(),
                    input.reason()), List.of());
        }, errors -> new CoverageRequestPayload(null, errors));
    }

    @MutationMapping
    CoverageRequestPayload claimCoverage(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            StoredCoverRequest request = request(caller, input.id());
            UUID claimer = Access.person(caller);
            Access.require(caller, teamOf(request.scheduleId()), Role.RESPONDER);
            return new CoverageRequestPayload(coverRequests.claim(request.id(), claimer, clock.instant()), List.of());
        }, errors -> new CoverageRequestPayload(null, errors));
    }

    @MutationMapping
    CoverageRequestPayload cancelCoverage(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            StoredCoverRequest request = request(caller, input.id());
            Access.requireSelfOr(caller, teamOf(request.scheduleId()), request.requester(), Role.RESPONDER,
                    Role.MANAGER);
            return new CoverageRequestPayload(coverRequests.cancel(request.id()), List.of());
        }, errors -> new CoverageRequestPayload(null, errors));
    }

    private StoredCoverRequest request(Caller caller, UUID id) {
        return Access.named(caller, coverRequests.find(id), c -> teamOf(c.scheduleId()), "id", "cover request");
    }

    /** The team of a schedule that exists (a cover request names it). */
    private UUID teamOf(UUID scheduleId) {
        return schedules.find(scheduleId).orElseThrow().teamId();
    }
}
