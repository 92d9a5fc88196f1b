package dev.oncall.api.auth;

import dev.oncall.api.graphql.ApiException;
import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Where a GraphQL operation's {@link Caller} lives: in its GraphQL context, put there by {@link CallerInterceptor}. */
public final class Callers {
    public static final String KEY = Caller.class.getName();

    private Callers() {}

    public static Caller of(DataFetchingEnvironment env) {
        return of(env.getGraphQlContext());
    }

    public static Caller of(GraphQLContext context) {
        Caller caller = context.get(KEY);
        if (caller == null) {
            throw ApiException.unauthorized("authentication required");
        }
        return caller;
    }

    /** A person with their installation role and memberships as they are stored now. */
    public static Caller.Person person(UUID userId, TeamRepository teams, UserRepository users) {
        return new Caller.Person(userId, roles(userId, teams), users.installationRoleOf(userId));
    }

    private static Map<UUID, Role> roles(UUID userId, TeamRepository teams) {
        Map<UUID, Role> roles = new HashMap<>();
        for (Member m : teams.membershipsOf(userId)) {
            roles.put(m.teamId(), m.role());
        }
        return roles;
    }

    /**
     * Reads the caller's memberships again after a mutation changed them (they created a team, or
     * changed or ended their own membership). The caller is resolved once per operation, when it
     * starts; without this, the fields selected from the mutation's payload, and any mutation
     * after it in the same request, would be checked against the memberships from before: the
     * creator of a team could not read the team they had just made.
     */
    public static void membershipsChanged(DataFetchingEnvironment env, TeamRepository teams) {
        if (of(env) instanceof Caller.Person person) {
            env.getGraphQlContext().put(KEY, new Caller.Person(person.id(), roles(person.id(), teams), person.installation()));
        }
    }

    /** Likewise after a mutation changed the caller's own installation role (an owner or admin stepping down). */
    public static void installationRoleChanged(DataFetchingEnvironment env, InstallationRole role) {
        if (of(env) instanceof Caller.Person person) {
            env.getGraphQlContext().put(KEY, new Caller.Person(person.id(), person.roles(), role));
        }
    }
}
