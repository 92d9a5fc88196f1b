package dev.oncall.api.team;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.auth.Callers;
import dev.oncall.api.auth.SecurityProperties;
import dev.oncall.api.graphql.Connection;
import dev.oncall.api.graphql.Connections;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Teams and memberships: members read, admins change. Adding a person straight into a team is
 * for installation admins; team admins invite ({@link InvitationController}) and the person
 * accepts. Who may create teams is {@code oncall.security.team-creation}.
 */
@Controller
class TeamController {
    private final TeamRepository teams;
    private final UserRepository users;
    private final SecurityProperties security;

    TeamController(TeamRepository teams, UserRepository users, SecurityProperties security) {
        this.teams = teams;
        this.users = users;
        this.security = security;
    }

    record CreateTeamInput(String name, String description) {}

    record UpdateTeamInput(UUID id, String name, String description) {}

    record IdInput(UUID id) {}

    record AddMemberInput(UUID teamId, UUID userId, String handle, Role role) {}

    record SetMemberRoleInput(UUID teamId, UUID userId, Role role) {}

    record RemoveMemberInput(UUID teamId, UUID userId) {}

    record TeamPayload(Team team, List<UserError> userErrors) {}

    record MemberPayload(Member member, List<UserError> userErrors) {}

    @QueryMapping
    Connection<Team> teams(Caller caller, @Argument Integer first, @Argument String after) {
        return Connections.page("teams", teams.findAll(List.copyOf(caller.teams())), t -> t.name() + "|" + t.id(), first, after);
    }

    @QueryMapping
    Team team(Caller caller, @Argument UUID id) {
        return Access.visible(caller, teams.find(id), Team::id, "team");
    }

    @SchemaMapping(typeName = "Team")
    Role myRole(Team team, Caller caller) {
        return Access.read(caller, team.id());
    }

    @SchemaMapping(typeName = "Team")
    CompletableFuture<Connection<Member>> members(Team team, Caller caller, @Argument Integer first,
                                                  @Argument String after, DataFetchingEnvironment env) {
        Access.read(caller, team.id());
        Connections.size(first);
        DataLoader<UUID, List<Member>> loader = env.getDataLoader(dev.oncall.api.graphql.Loaders.MEMBERS_BY_TEAM);
        return loader.load(team.id()).thenApply(members ->
                Connections.page("Team.members", members, m -> m.userId().toString(), first, after));
    }

    @SchemaMapping(typeName = "Member")
    CompletableFuture<Team> team(Member member, DataLoader<UUID, Team> loader) {
        return loader.load(member.teamId());
    }

    @SchemaMapping(typeName = "Member")
    CompletableFuture<User> user(Member member, DataLoader<UUID, User> loader) {
        return loader.load(member.userId());
    }

    @MutationMapping
    TeamPayload createTeam(Caller caller, @Argument CreateTeamInput input, DataFetchingEnvironment env) {
        UUID admin = Access.person(caller);
        if (security.teamCreation() == SecurityProperties.TeamCreation.ADMINS) {
            Access.requireInstallation(caller, InstallationRole.ADMIN, "creating a team (oncall.security.team-creation)");
        }
        return Mutations.attempt(() -> {
            Team team = teams.createWithAdmin(input.name(), input.description(), admin);
            Callers.membershipsChanged(env, teams);
            return new TeamPayload(team, List.of());
        }, errors -> new TeamPayload(null, errors));
    }

    @MutationMapping
    TeamPayload updateTeam(Caller caller, @Argument UpdateTeamInput input) {
        return Mutations.attempt(() -> {
            administered(caller, input.id(), "id");
            return new TeamPayload(teams.update(input.id(), input.name(), input.description()), List.of());
        }, errors -> new TeamPayload(null, errors));
    }

    @MutationMapping
    DeletePayload deleteTeam(Caller caller, @Argument IdInput input, DataFetchingEnvironment env) {
        return Mutations.attempt(() -> {
            administered(caller, input.id(), "id");
            teams.delete(input.id());
            Callers.membershipsChanged(env, teams);
            return DeletePayload.deleted(input.id());
        }, DeletePayload::refused);
    }

    /**
     * Without the person's consent, so installation admins only; checked before anything the
     * input names is looked up, so the refusal is the same for every team and handle and tells
     * nobody whether a person exists.
     */
    @MutationMapping
    MemberPayload addMember(Caller caller, @Argument AddMemberInput input, DataFetchingEnvironment env) {
        Access.requireInstallation(caller, InstallationRole.ADMIN, "adding a person to a team without their consent (invite them with inviteMember)");
        return Mutations.attempt(() -> {
            existing(input.teamId(), "teamId");
            User user = resolveUser(users, input.userId(), input.handle());
            Member member = teams.addMember(input.teamId(), user.id(), input.role());
            ifSelf(caller, user.id(), env);
            return new MemberPayload(member, List.of());
        }, errors -> new MemberPayload(null, errors));
    }

    @MutationMapping
    MemberPayload setMemberRole(Caller caller, @Argument SetMemberRoleInput input, DataFetchingEnvironment env) {
        return Mutations.attempt(() -> {
            administered(caller, input.teamId(), "teamId");
            Member member = teams.setRole(input.teamId(), input.userId(), input.role());
            ifSelf(caller, input.userId(), env);
            return new MemberPayload(member, List.of());
        }, errors -> new MemberPayload(null, errors));
    }

    @MutationMapping
    DeletePayload removeMember(Caller caller, @Argument RemoveMemberInput input, DataFetchingEnvironment env) {
        return Mutations.attempt(() -> {
            administered(caller, input.teamId(), "teamId");
            if (!teams.removeMember(input.teamId(), input.userId())) {
                throw ValidationException.of("userId", "is not a member of this team");
            }
            ifSelf(caller, input.userId(), env);
            return DeletePayload.deleted(input.userId());
        }, DeletePayload::refused);
    }

    /** The rest of the operation sees the caller's own membership as this mutation left it. */
    private void ifSelf(Caller caller, UUID userId, DataFetchingEnvironment env) {
        if (caller.userId().map(userId::equals).orElse(false)) {
            Callers.membershipsChanged(env, teams);
        }
    }

    /** The person named by exactly one of {@code id} and {@code handle}. */
    static User resolveUser(UserRepository users, UUID id, String handle) {
        if ((id == null) == (handle == null)) {
            throw ValidationException.of("userId", "give exactly one of userId and handle");
        }
        return id != null
                ? users.find(id).orElseThrow(() -> ValidationException.of("userId", "no such user"))
                : users.findByHandle(handle).orElseThrow(() -> ValidationException.of("handle", "no user has this handle"));
    }

    /** Installation admins add people to any team, so only whether the team exists matters here. */
    private void existing(UUID teamId, String field) {
        if (teams.find(teamId).isEmpty()) {
            throw ValidationException.of(field, "no such team");
        }
    }

    private void administered(Caller caller, UUID teamId, String field) {
        Access.named(caller, teams.find(teamId), Team::id, field, "team", Role.ADMIN);
    }
}
