package dev.oncall.api.schedule;

import dev.oncall.api.graphql.Window;
import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.Connection;
import dev.oncall.api.graphql.Connections;
import dev.oncall.api.graphql.Loaders;
import dev.oncall.api.schedule.ScheduleViews.LayerView;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.schedule.ScheduleLoader;
import dev.oncall.store.schedule.Overrides;
import dev.oncall.store.schedule.CoverRequests;
import dev.oncall.store.schedule.StoredCoverRequest;
import dev.oncall.store.schedule.StoredLayer;
import dev.oncall.store.schedule.StoredOverride;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Reading schedules and their configuration. A Schedule object is only ever handed out after
 * its team was checked (here, or by the parent that listed it), so its fields need no check.
 */
@Controller
class ScheduleController {
    private final Schedules schedules;
    private final ScheduleLoader scheduleLoader;
    private final Overrides overrides;
    private final CoverRequests coverRequests;

    ScheduleController(Schedules schedules, ScheduleLoader scheduleLoader, Overrides overrides,
                       CoverRequests coverRequests) {
        this.schedules = schedules;
        this.scheduleLoader = scheduleLoader;
        this.overrides = overrides;
        this.coverRequests = coverRequests;
    }

    @QueryMapping
    ScheduleInfo schedule(Caller caller, @Argument UUID id) {
        return readable(schedules, caller, id);
    }

    static ScheduleInfo readable(Schedules schedules, Caller caller, UUID id) {
        return Access.visible(caller, schedules.find(id), ScheduleInfo::teamId, "schedule");
    }

    @SchemaMapping(typeName = "Team")
    Connection<ScheduleInfo> schedules(Team team, Caller caller, @Argument Integer first, @Argument String after) {
        Access.read(caller, team.id());
        return Connections.page("Team.schedules", schedules.listByTeam(team.id()), s -> s.name() + "|" + s.id(), first, after);
    }

    @SchemaMapping(typeName = "Schedule")
    CompletableFuture<Team> team(ScheduleInfo schedule, DataLoader<UUID, Team> loader) {
        return loader.load(schedule.teamId());
    }

    @SchemaMapping(typeName = "Schedule")
    String timezone(ScheduleInfo schedule) {
        return schedule.zone().getId();
    }

    @BatchMapping(typeName = "Schedule")
    Map<ScheduleInfo, List<LayerView>> layers(List<ScheduleInfo> list) {
        Map<UUID, List<StoredLayer>> stored = scheduleLoader.layersOf(list.stream().map(ScheduleInfo::id).distinct().toList());
        Map<ScheduleInfo, List<LayerView>> out = new HashMap<>();
        list.forEach(s -> out.put(s, ScheduleViews.layers(stored.getOrDefault(s.id(), List.of()))));
        return out;
    }

    @SchemaMapping(typeName = "RotationLayer")
    CompletableFuture<List<User>> participants(LayerView layer, DataLoader<UUID, User> loader) {
        return Loaders.existingUsers(loader, layer.participantIds());
    }

    @SchemaMapping(typeName = "Schedule")
    Connection<StoredOverride> overrides(ScheduleInfo schedule, @Argument Instant from, @Argument Instant to,
                                         @Argument Integer first, @Argument String after) {
        Window w = Window.of(from, to);
        return Connections.page("Schedule.overrides", overrides.between(schedule.id(), w.from(), w.to()),
                o -> Connections.timeKey(o.start(), o.id().toString()), first, after);
    }

    @SchemaMapping(typeName = "Schedule")
    Connection<StoredCoverRequest> coverageRequests(ScheduleInfo schedule, @Argument Instant from, @Argument Instant to,
                                                @Argument Integer first, @Argument String after) {
        Window w = Window.of(from, to);
        return Connections.page("Schedule.coverageRequests", coverRequests.between(schedule.id(), w.from(), w.to()),
                c -> Connections.timeKey(c.start(), c.id().toString()), first, after);
    }

    @SchemaMapping(typeName = "Override")
    CompletableFuture<User> user(StoredOverride o, DataLoader<UUID, User> loader) {
        return loader.load(o.userId());
    }

    @SchemaMapping(typeName = "Override")
    CompletableFuture<User> createdBy(StoredOverride o, DataLoader<UUID, User> loader) {
        return o.createdBy().map(loader::load).orElse(CompletableFuture.completedFuture(null));
    }

    @SchemaMapping(typeName = "CoverageRequest")
    CompletableFuture<User> requester(StoredCoverRequest c, DataLoader<UUID, User> loader) {
        return loader.load(c.requester());
    }

    @SchemaMapping(typeName = "CoverageRequest")
    CompletableFuture<User> claimedBy(StoredCoverRequest c, DataLoader<UUID, User> loader) {
        return c.claimedBy().map(loader::load).orElse(CompletableFuture.completedFuture(null));
    }

    @SchemaMapping(typeName = "CoverageRequest")
    Instant claimedAt(StoredCoverRequest c) {
        return c.claimedAt().orElse(null);
    }
}
