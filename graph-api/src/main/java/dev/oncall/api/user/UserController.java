package dev.oncall.api.user;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Audience;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.auth.PersonalData;
import dev.oncall.api.graphql.ApiException;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.installation.InstallationRole;
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

/**
 * People: visible to those who share a team with them and to installation admins; created and
 * deleted by installation admins; changed by themselves or installation admins
 * ({@link PersonalData}).
 */
@Controller
class UserController {
    private final UserRepository users;
    private final TeamRepository teams;
    private final PersonalData personal;

    UserController(UserRepository users, TeamRepository teams, PersonalData personal) {
        this.users = users;
        this.teams = teams;
        this.personal = personal;
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
    User user(Caller caller, @Argument UUID id, DataFetchingEnvironment env) {
        // Someone the caller shares no team with answers as one who does not exist.
        return users.find(id).filter(u -> Audience.of(env, teams).sees(id) || Access.hasInstallation(caller, InstallationRole.ADMIN))
                .orElseThrow(() -> ApiException.notFound("no such user"));
    }

    /** An email address reaches the person (and, with OIDC, names their login): contact detail, null for other readers. */
    @SchemaMapping(typeName = "User")
    String email(User user, DataFetchingEnvironment env) {
        return personal.mayRead(env, user.id()) ? user.email() : null;
    }

    @SchemaMapping(typeName = "User")
    List<Member> memberships(User user, DataFetchingEnvironment env) {
        Audience audience = Audience.of(env, teams);
        return audience.isSelf(user.id()) ? teams.membershipsOf(user.id()) : audience.membershipsOf(user.id());
    }

    /** Installation admins only: a team admin who could mint people could mint themselves new identities. */
    @MutationMapping
    UserPayload createUser(Caller caller, @Argument CreateUserInput input) {
        return Mutations.attempt(() -> {
            Access.requireInstallation(caller, InstallationRole.ADMIN, "creating a person");
            if (teams.find(input.teamId()).isEmpty()) {
                throw ValidationException.of("teamId", "no such team");
            }
            return new UserPayload(users.createInTeam(input.teamId(), input.role(), input.handle(), input.name(),
                    input.email(), input.timezone()), List.of());
        }, errors -> new UserPayload(null, errors));
    }

    @MutationMapping
    UserPayload updateUser(Caller caller, @Argument UpdateUserInput input) {
        return Mutations.attempt(() -> {
            personal.requireChange(caller, input.id());
            existing(input.id());
            return new UserPayload(users.update(input.id(), input.handle(), input.name(), input.email(),
                    input.timezone()), List.of());
        }, errors -> new UserPayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteUser(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            // Deleting a person ends their account everywhere: installation admins, up to their own rank.
            Access.requireInstallation(caller, InstallationRole.ADMIN, "deleting a person");
            personal.requireChange(caller, input.id());
            existing(input.id());
            users.delete(input.id());
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    private void existing(UUID userId) {
        if (users.find(userId).isEmpty()) {
            throw ValidationException.of("id", "no such user");
        }
    }
}
