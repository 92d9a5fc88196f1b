package dev.oncall.api.schedule;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.team.Role;
import dev.oncall.store.schedule.Overrides;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.schedule.StoredOverride;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** Overrides: responders take or drop time for themselves, managers for anyone. */
@Controller
class OverrideController {
    private final Schedules schedules;
    private final Overrides overrides;

    OverrideController(Schedules schedules, Overrides overrides) {
        this.schedules = schedules;
        this.overrides = overrides;
    }

    record CreateOverrideInput(UUID scheduleId, UUID userId, Instant start, Instant end) {}

    record IdInput(UUID id) {}

    record OverridePayload(StoredOverride override, List<UserError> userErrors) {}

    @MutationMapping
    OverridePayload createOverride(Caller caller, @Argument CreateOverrideInput input) {
        return Mutations.attempt(() -> {
            ScheduleInfo info = Access.named(caller, schedules.find(input.scheduleId()), ScheduleInfo::teamId, "scheduleId",
                    "schedule");
            UUID subject = input.userId() != null ? input.userId() : Access.person(caller);
            Access.requireSelfOr(caller, info.teamId(), subject, Role.RESPONDER, Role.MANAGER);
            return new OverridePayload(overrides.create(info.id(), subject, input.start(), input.end(),
                    caller.userId()), List.of());
        }, errors -> new OverridePayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteOverride(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            StoredOverride o = Access.named(caller, overrides.find(input.id()), x -> teamOf(x.scheduleId()), "id",
                    "override");
            UUID teamId = teamOf(o.scheduleId());
            boolean own = caller.userId().map(me -> me.equals(o.userId()) || o.createdBy().map(me::equals).orElse(false))
                    .orElse(false);
            Access.require(caller, teamId, own ? Role.RESPONDER : Role.MANAGER);
            overrides.delete(input.id());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    /** The team of a schedule that exists (an override names it). */
    private UUID teamOf(UUID scheduleId) {
        return schedules.find(scheduleId).orElseThrow().teamId();
    }
}
