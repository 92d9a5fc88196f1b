package dev.oncall.api.auth;

import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import dev.oncall.store.team.TeamRepository;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The people a caller can see: the members of the caller's teams, loaded once per operation
 * (one query however many users the operation touches) and kept in its GraphQL context. A
 * person is visible to those who share a team with them; their memberships are shown only in
 * the teams the caller shares.
 */
public final class Audience {
    private static final String KEY = Audience.class.getName();

    private final Caller caller;
    private final Map<UUID, List<Member>> byUser = new HashMap<>();

    private Audience(Caller caller, List<Member> members) {
        this.caller = caller;
        for (Member m : members) {
            byUser.computeIfAbsent(m.userId(), k -> new ArrayList<>()).add(m);
        }
    }

    public static Audience of(DataFetchingEnvironment env, TeamRepository teams) {
        return of(env.getGraphQlContext(), teams);
    }

    public static Audience of(GraphQLContext context, TeamRepository teams) {
        Audience cached = context.get(KEY);
        if (cached != null) {
            return cached;
        }
        Caller caller = Callers.of(context);
        Audience audience = new Audience(caller, teams.membersOf(List.copyOf(caller.teams())));
        context.put(KEY, audience);
        return audience;
    }

    public boolean isSelf(UUID userId) {
        return caller.userId().map(userId::equals).orElse(false);
    }

    /** Whether the caller may see this person at all. */
    public boolean sees(UUID userId) {
        return isSelf(userId) || byUser.containsKey(userId);
    }

    /** The person's memberships in the caller's teams. */
    public List<Member> membershipsOf(UUID userId) {
        return byUser.getOrDefault(userId, List.of());
    }

    /** Whether the caller holds at least {@code role} in some team this person belongs to. */
    public boolean holdsOver(UUID userId, Role role) {
        return membershipsOf(userId).stream().anyMatch(m -> Access.has(caller, m.teamId(), role));
    }

    public Optional<UUID> self() {
        return caller.userId();
    }
}
