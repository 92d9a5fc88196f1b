package dev.oncall.api.graphql;

import dev.oncall.core.team.Member;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import reactor.core.publisher.Mono;

/**
 * Batch loaders for the references every type makes (users, teams, schedules, members): all
 * references of one level of a query are loaded with one repository call, so nesting
 * (schedule → layers → participants, team → members → user) costs a query per level, not per item.
 */
@Configuration
public class Loaders {
    /** DataLoader name of a team's members. */
    public static final String MEMBERS_BY_TEAM = "membersByTeam";

    Loaders(BatchLoaderRegistry registry, UserRepository users, TeamRepository teams, Schedules schedules) {
        registry.forTypePair(UUID.class, User.class).registerMappedBatchLoader((ids, env) ->
                Mono.fromCallable(() -> byId(users.findAll(List.copyOf(ids)), User::id)));
        registry.forTypePair(UUID.class, Team.class).registerMappedBatchLoader((ids, env) ->
                Mono.fromCallable(() -> byId(teams.findAll(List.copyOf(ids)), Team::id)));
        registry.forTypePair(UUID.class, ScheduleInfo.class).registerMappedBatchLoader((ids, env) ->
                Mono.fromCallable(() -> byId(schedules.findAll(List.copyOf(ids)), ScheduleInfo::id)));
        registry.<UUID, List<Member>>forName(MEMBERS_BY_TEAM).registerMappedBatchLoader((ids, env) ->
                Mono.fromCallable(() -> {
                    Map<UUID, List<Member>> out = new HashMap<>();
                    ids.forEach(id -> out.put(id, new ArrayList<>()));
                    teams.membersOf(List.copyOf(ids)).forEach(m -> out.get(m.teamId()).add(m));
                    return out;
                }));
    }

    /**
     * The users among {@code ids} that exist, in order. A list of people is read at one moment
     * and the people at another (an on-call answer may come from a cache entry written before a
     * person was deleted): someone who is gone is left out instead of failing the non-null
     * {@code [User!]!} list, which would null the whole response.
     */
    public static CompletableFuture<List<User>> existingUsers(DataLoader<UUID, User> loader, List<UUID> ids) {
        return loader.loadMany(ids).thenApply(users -> users.stream().filter(Objects::nonNull).toList());
    }

    private static <T> Map<UUID, T> byId(List<T> items, Function<T, UUID> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
