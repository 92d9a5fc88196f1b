package dev.oncall.api.schedule;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.schedule.ScheduleMutations.SchedulePayload;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleLimits;
import dev.oncall.core.spec.ScheduleSpec;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.schedule.StoredSchedule;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Schedule files in and out, in the CLI's format. Files name people by handle; the database by
 * id: handles are translated at this edge, both ways, and problems are reported at the path of
 * the file's field ({@code input.spec.layers[0].participants[1]}).
 */
@Controller
class ScheduleSpecController {
    private final Schedules schedules;
    private final ScheduleLoader scheduleLoader;
    private final UserRepository users;
    private final TeamRepository teams;

    ScheduleSpecController(Schedules schedules, ScheduleLoader scheduleLoader, UserRepository users,
                           TeamRepository teams) {
        this.schedules = schedules;
        this.scheduleLoader = scheduleLoader;
        this.users = users;
        this.teams = teams;
    }

    record ImportScheduleInput(UUID scheduleId, Long version, UUID teamId, String name, String spec) {}

    @QueryMapping
    String exportSchedule(Caller caller, @Argument UUID id, @Argument ScheduleSpec.Format format) {
        ScheduleController.readable(schedules, caller, id);
        StoredSchedule stored = scheduleLoader.load(id, ScheduleLimits.EARLIEST, ScheduleLimits.LATEST).orElseThrow();
        Schedule byId = stored.toSchedule();
        Set<UUID> ids = new LinkedHashSet<>();
        byId.layers().forEach(l -> l.participants().forEach(p -> ids.add(p.requireUuid())));
        byId.overrides().forEach(o -> ids.add(o.user().requireUuid()));
        Map<UserRef, UserRef> handles = new HashMap<>();
        users.findAll(List.copyOf(ids)).forEach(u -> handles.put(UserRef.of(u.id()), UserRef.of(u.handle())));
        Function<UserRef, UserRef> handle = userId -> handles.getOrDefault(userId, userId);
        Schedule byHandle = Schedule.of(byId.zone(), byId.layers().stream().map(l -> withParticipants(l,
                        l.participants().stream().map(handle).toList())).toList(),
                byId.overrides().stream().map(o -> Override.of(handle.apply(o.user()), o.start(), o.end())).toList(),
                List.of());
        return ScheduleSpec.write(byHandle, format == null ? ScheduleSpec.Format.YAML : format);
    }

    @MutationMapping
    SchedulePayload importSchedule(Caller caller, @Argument ImportScheduleInput input) {
        return Mutations.attempt(() -> {
            UUID teamId = target(caller, input);
            Schedule parsed = parse(input.spec());
            Map<String, UUID> byHandle = new HashMap<>();
            Problems problems = new Problems();
            Set<String> handles = new LinkedHashSet<>();
            parsed.layers().forEach(l -> l.participants().forEach(p -> handles.add(p.value())));
            parsed.overrides().forEach(o -> handles.add(o.user().value()));
            users.findByHandles(List.copyOf(handles)).forEach(u -> byHandle.put(u.handle(), u.id()));
            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i < parsed.layers().size(); i++) {
                Layer l = parsed.layers().get(i);
                List<UserRef> ids = new ArrayList<>();
                for (int p = 0; p < l.participants().size(); p++) {
                    ids.add(id(problems, byHandle, l.participants().get(p), "spec.layers[" + i + "].participants[" + p + "]"));
                }
                layers.add(withParticipants(l, ids));
            }
            List<Override> overrides = new ArrayList<>();
            for (int i = 0; i < parsed.overrides().size(); i++) {
                Override o = parsed.overrides().get(i);
                overrides.add(Override.of(id(problems, byHandle, o.user(), "spec.overrides[" + i + "].user"), o.start(), o.end()));
            }
            if (!parsed.coverRequests().isEmpty()) {
                problems.add("spec.coverages", "cover requests are not imported; people ask for cover with requestCoverage");
            }
            problems.throwIfAny();
            try {
                ScheduleInfo info = input.scheduleId() != null
                        ? schedules.replaceConfiguration(input.scheduleId(), version(input), parsed.zone(), layers,
                                overrides, caller.userId()).info()
                        : schedules.create(teamId, input.name(), "", parsed.zone().getId(), layers, overrides,
                                caller.userId()).info();
                return new SchedulePayload(info, List.of());
            } catch (ValidationException e) {
                throw inSpec(e, byHandle);
            }
        }, errors -> new SchedulePayload(null, errors));
    }

    /** The team the import writes into, checked for a manager; the schedule's when one is named. */
    private UUID target(Caller caller, ImportScheduleInput input) {
        UUID teamId;
        if (input.scheduleId() != null) {
            teamId = Access.named(caller, schedules.find(input.scheduleId()), ScheduleInfo::teamId, "scheduleId",
                    "schedule").teamId();
        } else {
            Problems problems = new Problems();
            problems.check(input.teamId() != null, "teamId", "is required to import a new schedule (or give scheduleId)");
            problems.check(input.name() != null, "name", "is required to import a new schedule (or give scheduleId)");
            problems.throwIfAny();
            teamId = Access.named(caller, teams.find(input.teamId()), Team::id, "teamId", "team").id();
        }
        Access.require(caller, teamId, Role.MANAGER);
        return teamId;
    }

    private static long version(ImportScheduleInput input) {
        if (input.version() == null) {
            throw ValidationException.of("version", "is required when replacing a schedule: the version you read");
        }
        return input.version();
    }

    private static Schedule parse(String spec) {
        try {
            return ScheduleSpec.parse(spec);
        } catch (ValidationException e) {
            List<FieldError> errors = e.errors().stream().map(f -> new FieldError(
                    f.field().isEmpty() ? "spec" : "spec." + f.field(), f.message())).toList();
            throw new ValidationException(errors);
        }
    }

    private static UserRef id(Problems problems, Map<String, UUID> byHandle, UserRef handle, String field) {
        UUID id = byHandle.get(handle.value());
        if (id == null) {
            problems.add(field, "no user has the handle \"" + handle + "\"");
            return handle;
        }
        return UserRef.of(id);
    }

    /** The store names layers and overrides by their place in the file; say it in handles. */
    private static ValidationException inSpec(ValidationException e, Map<String, UUID> byHandle) {
        List<FieldError> errors = new ArrayList<>();
        for (FieldError f : e.errors()) {
            String message = f.message();
            for (Map.Entry<String, UUID> h : byHandle.entrySet()) {
                message = message.replace(h.getValue().toString(), h.getKey());
            }
            boolean inFile = f.field().startsWith("layers") || f.field().startsWith("overrides");
            errors.add(new FieldError(inFile ? "spec." + f.field() : f.field(), message));
        }
        return new ValidationException(errors);
    }

    private static Layer withParticipants(Layer l, List<UserRef> participants) {
        return new Layer(l.name(), l.start(), l.end(), l.rotation(), participants, l.usersPerShift(), l.restrictions());
    }
}
