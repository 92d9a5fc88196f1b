package dev.oncall.api.oncall;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.ApiException;
import dev.oncall.api.live.LiveAccess;
import dev.oncall.core.user.User;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.user.UserRepository;
import graphql.GraphQLContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** onCallChanged over WebSocket (graphql-transport-ws) and SSE; access is checked when subscribing and while it runs. */
@Controller
class OnCallSubscription {
    private final OnCallWatcher watcher;
    private final Schedules schedules;
    private final UserRepository users;
    private final LiveAccess live;

    OnCallSubscription(OnCallWatcher watcher, Schedules schedules, UserRepository users, LiveAccess live) {
        this.live = live;
        this.watcher = watcher;
        this.schedules = schedules;
        this.users = users;
    }

    @SubscriptionMapping
    Flux<OnCallChange> onCallChanged(Caller caller, GraphQLContext context, @Argument UUID scheduleId) {
        ScheduleInfo info = Access.visible(caller, schedules.find(scheduleId), ScheduleInfo::teamId, "schedule");
        return live.whileAllowed(context, info.teamId(), watcher.watch(scheduleId));
    }

    // Events are resolved without DataLoaders: each event is its own small execution.
    @SchemaMapping(typeName = "OnCallChange")
    ScheduleInfo schedule(OnCallChange change) {
        return schedules.find(change.scheduleId()).orElseThrow(() -> ApiException.notFound("the schedule was deleted"));
    }

    @SchemaMapping(typeName = "OnCallChange")
    List<User> users(OnCallChange change) {
        Map<UUID, User> byId = new HashMap<>();
        users.findAll(change.userIds()).forEach(u -> byId.put(u.id(), u));
        return change.userIds().stream().map(byId::get).filter(Objects::nonNull).toList();
    }
}
