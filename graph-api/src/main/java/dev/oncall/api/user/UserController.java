package dev.oncall.api.user;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Audience;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.ApiException;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import dev.oncall.core.user.User;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** People: visible to those who share a team with them; changed by themselves or their team's admins. */
@Controller
class UserController {
    private final UserRepository users;
    private final TeamRepository teams;

    UserController(UserRepository users, TeamRepository teams) {
        this.users = users;
        this.teams = teams;
    }

    record CreateUserInput(UUID teamId, Role role, String handle, String name, String email, String timezone) {}

    record UpdateUserInput(UUID id, String handle, String name, String email, String timezone) {}

    record IdInput(UUID id) {}

    record UserPayload(User user, List<UserError> userErrors) {}

    @QueryMapping
    User me(Caller caller) {
        return caller.userId().flatMap(users::find).orElse(null);
    }

    @QueryMapping
    User user(@Argument UUID id, DataFetchingEnvironment env) {
        User user = users.find(id).orElseThrow(() -> ApiException.notFound("no such user"));
        if (!Audience.of(env, teams).sees(id)) {
            throw ApiException.forbidden("you share no team with this person");
        }
        return user;
    }

    @SchemaMapping(typeName = "User")
    List<Member> memberships(User user, DataFetchingEnvironment env) {
        Audience audience = Audience.of(env, teams);
        return audience.isSelf(user.id()) ? teams.membershipsOf(user.id()) : audience.membershipsOf(user.id());
    }

    @MutationMapping
    UserPayload createUser(Caller caller, @Argument CreateUserInput input) {
        return Mutations.attempt(() -> {
            if (teams.find(input.teamId()).isEmpty()) {
                throw ValidationException.of("teamId", "no such team");
            }
            Access.require(caller, input.teamId(), Role.ADMIN);
            return new UserPayload(users.createInTeam(input.teamId(), input.role(), input.handle(), input.name(),
                    input.email(), input.timezone()), List.of());
        }, errors -> new UserPayload(null, errors));
    }

    @MutationMapping
    UserPayload updateUser(Caller caller, @Argument UpdateUserInput input) {
        return Mutations.attempt(() -> {
            List<Member> memberships = existing(input.id());
            boolean self = caller.userId().map(input.id()::equals).orElse(false);
            if (!self) {
                requireAdminOfAny(caller, memberships);
            }
            return new UserPayload(users.update(input.id(), input.handle(), input.name(), input.email(),
                    input.timezone()), List.of());
        }, errors -> new UserPayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteUser(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            List<Member> memberships = existing(input.id());
            if (memberships.isEmpty()) {
                throw ApiException.forbidden("you share no team with this person");
            }
            // Deleting a person removes them from every team: only someone who administers all of them may.
            for (Member m : memberships) {
                Access.require(caller, m.teamId(), Role.ADMIN);
            }
            users.delete(input.id());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    private List<Member> existing(UUID userId) {
        if (users.find(userId).isEmpty()) {
            throw ValidationException.of("id", "no such user");
        }
        return teams.membershipsOf(userId);
    }

    static void requireAdminOfAny(Caller caller, List<Member> memberships) {
        if (memberships.stream().noneMatch(m -> Access.has(caller, m.teamId(), Role.ADMIN))) {
            throw ApiException.forbidden("only the person themselves or an admin of one of their teams may do this");
        }
    }
}
