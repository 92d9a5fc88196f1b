package dev.oncall.api.schedule;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.team.Role;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.ScheduleRepository;
import dev.oncall.store.schedule.StoredCoverage;
import dev.oncall.store.schedule.StoredOverride;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * Overrides and cover requests: what responders do for themselves (and managers for anyone).
 * Whether the requester is on call, and which part a claim takes, is decided by the engine in
 * the store's transaction, against the configuration being written over.
 */
@Controller
class CoverageController {
    private final ScheduleRepository schedules;
    private final Clock clock;

    CoverageController(ScheduleRepository schedules, Clock clock) {
        this.schedules = schedules;
        this.clock = clock;
    }

    record CreateOverrideInput(UUID scheduleId, UUID userId, Instant start, Instant end) {}

    record RequestCoverageInput(UUID scheduleId, Instant start, Instant end, String reason) {}

    record IdInput(UUID id) {}

    record OverridePayload(StoredOverride override, List<UserError> userErrors) {}

    record CoverageRequestPayload(StoredCoverage coverageRequest, List<UserError> userErrors) {}

    @MutationMapping
    OverridePayload createOverride(Caller caller, @Argument CreateOverrideInput input) {
        return Mutations.attempt(() -> {
            ScheduleInfo info = schedule(caller, input.scheduleId());
            UUID subject = input.userId() != null ? input.userId() : Access.person(caller);
            Access.requireSelfOr(caller, info.teamId(), subject, Role.RESPONDER, Role.MANAGER);
            return new OverridePayload(schedules.createOverride(info.id(), subject, input.start(), input.end(),
                    caller.userId()), List.of());
        }, errors -> new OverridePayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteOverride(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            StoredOverride o = Access.named(caller, schedules.findOverride(input.id()), x -> teamOf(x.scheduleId()), "id",
                    "override");
            UUID teamId = teamOf(o.scheduleId());
            boolean own = caller.userId().map(me -> me.equals(o.userId()) || o.createdBy().map(me::equals).orElse(false))
                    .orElse(false);
            Access.require(caller, teamId, own ? Role.RESPONDER : Role.MANAGER);
            schedules.deleteOverride(input.id());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    @MutationMapping
    CoverageRequestPayload requestCoverage(Caller caller, @Argument RequestCoverageInput input) {
        return Mutations.attempt(() -> {
            ScheduleInfo info = schedule(caller, input.scheduleId());
            UUID requester = Access.person(caller);
            Access.require(caller, info.teamId(), Role.RESPONDER);
            return new CoverageRequestPayload(schedules.requestCoverage(info.id(), requester, input.start(), input.end(),
                    input.reason()), List.of());
        }, errors -> new CoverageRequestPayload(null, errors));
    }

    @MutationMapping
    CoverageRequestPayload claimCoverage(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            StoredCoverage request = coverage(caller, input.id());
            UUID claimer = Access.person(caller);
            Access.require(caller, teamOf(request.scheduleId()), Role.RESPONDER);
            return new CoverageRequestPayload(schedules.claimCoverage(request.id(), claimer, clock.instant()), List.of());
        }, errors -> new CoverageRequestPayload(null, errors));
    }

    @MutationMapping
    CoverageRequestPayload cancelCoverage(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            StoredCoverage request = coverage(caller, input.id());
            Access.requireSelfOr(caller, teamOf(request.scheduleId()), request.requester(), Role.RESPONDER,
                    Role.MANAGER);
            return new CoverageRequestPayload(schedules.cancelCoverage(request.id()), List.of());
        }, errors -> new CoverageRequestPayload(null, errors));
    }

    private ScheduleInfo schedule(Caller caller, UUID id) {
        return Access.named(caller, schedules.find(id), ScheduleInfo::teamId, "scheduleId", "schedule");
    }

    private StoredCoverage coverage(Caller caller, UUID id) {
        return Access.named(caller, schedules.findCoverage(id), c -> teamOf(c.scheduleId()), "id", "cover request");
    }

    /** The team of a schedule that exists (an override or cover request names it). */
    private UUID teamOf(UUID scheduleId) {
        return schedules.find(scheduleId).orElseThrow().teamId();
    }
}
