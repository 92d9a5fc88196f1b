package dev.oncall.api.schedule;

import dev.oncall.api.graphql.ApiException;
import dev.oncall.api.graphql.Connection;
import dev.oncall.api.graphql.Connections;
import dev.oncall.api.graphql.Loaders;
import dev.oncall.api.graphql.Window;
import dev.oncall.api.schedule.ScheduleViews.SegmentView;
import dev.oncall.api.schedule.ScheduleViews.ShiftView;
import dev.oncall.api.schedule.ScheduleViews.TimelineView;
import dev.oncall.api.schedule.ScheduleViews.UserHours;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.schedule.ScheduleEngine;
import dev.oncall.core.shift.ShiftMaterializer;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Zones;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.ScheduleLoader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Who is on call when: every answer is the core engine's, over the configuration loaded for
 * exactly the asked window. "Now" is the injected clock's.
 */
@Controller
class ScheduleTimeController {
    private final ScheduleLoader scheduleLoader;
    private final OnCallLookup onCall;
    private final java.time.Clock clock;

    ScheduleTimeController(ScheduleLoader scheduleLoader, OnCallLookup onCall, java.time.Clock clock) {
        this.scheduleLoader = scheduleLoader;
        this.onCall = onCall;
        this.clock = clock;
    }

    @SchemaMapping(typeName = "Schedule")
    CompletableFuture<List<User>> onCall(ScheduleInfo schedule, @Argument Instant at, DataLoader<UUID, User> loader) {
        Instant when = at == null ? clock.instant() : Window.instant(at, "at");
        return Loaders.existingUsers(loader, onCall.onCallAt(schedule.id(), when));
    }

    @SchemaMapping(typeName = "Schedule")
    TimelineView timeline(ScheduleInfo schedule, @Argument Instant from, @Argument Instant to, @Argument String zone) {
        Window w = Window.of(from, to);
        ZoneId shown = zone == null ? schedule.zone() : zone(zone);
        return ScheduleViews.timeline(ScheduleEngine.render(load(schedule, w), w.from(), w.to()), shown);
    }

    @SchemaMapping(typeName = "Segment")
    CompletableFuture<List<User>> users(SegmentView segment, DataLoader<UUID, User> loader) {
        return Loaders.existingUsers(loader, segment.userIds());
    }

    @SchemaMapping(typeName = "Schedule")
    Instant nextHandoff(ScheduleInfo schedule, @Argument Instant after) {
        Instant from = after == null ? clock.instant() : Window.instant(after, "after");
        Window w = new Window(from, from.plusSeconds(1));
        return ScheduleEngine.nextHandoff(load(schedule, w), from).orElse(null);
    }

    @SchemaMapping(typeName = "Schedule")
    Connection<ShiftView> shifts(ScheduleInfo schedule, @Argument Instant from, @Argument Instant to,
                                 @Argument Integer first, @Argument String after) {
        Window w = Window.of(from, to);
        List<ShiftView> shifts = new ArrayList<>();
        ShiftMaterializer.materialize(load(schedule, w), w.from(), w.to()).forEach(s -> shifts.add(ScheduleViews.shift(s)));
        // The materializer's order is deterministic for one configuration: the index is the key.
        List<Map.Entry<String, ShiftView>> keyed = new ArrayList<>();
        for (int i = 0; i < shifts.size(); i++) {
            keyed.add(Map.entry(String.format("%09d", i), shifts.get(i)));
        }
        Connection<Map.Entry<String, ShiftView>> page = Connections.page("Schedule.shifts", keyed, Map.Entry::getKey, first, after);
        return new Connection<>(page.edges().stream()
                .map(e -> new Connection.Edge<>(e.cursor(), e.node().getValue())).toList(), page.pageInfo());
    }

    @SchemaMapping(typeName = "Shift")
    CompletableFuture<User> user(ShiftView shift, DataLoader<UUID, User> loader) {
        return loader.load(shift.userId());
    }

    @SchemaMapping(typeName = "Schedule")
    List<UserHours> hoursByUser(ScheduleInfo schedule, @Argument Instant from, @Argument Instant to) {
        Window w = Window.of(from, to);
        Map<UserRef, Duration> hours = ScheduleEngine.hoursByUser(load(schedule, w), w.from(), w.to());
        return hours.entrySet().stream()
                .map(e -> new UserHours(e.getKey().requireUuid(), e.getValue().toSeconds())).toList();
    }

    @SchemaMapping(typeName = "UserHours")
    CompletableFuture<User> user(UserHours hours, DataLoader<UUID, User> loader) {
        return loader.load(hours.userId());
    }

    private Schedule load(ScheduleInfo schedule, Window w) {
        return scheduleLoader.load(schedule.id(), w.from(), w.to())
                .orElseThrow(() -> ApiException.notFound("the schedule was deleted")).toSchedule();
    }

    private static ZoneId zone(String id) {
        Problems problems = new Problems();
        ZoneId zone = Zones.check(problems, "zone", id);
        if (zone == null) {
            throw ApiException.badRequest(problems.errors().getFirst().toString());
        }
        return zone;
    }
}
