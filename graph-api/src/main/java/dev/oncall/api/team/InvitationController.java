package dev.oncall.api.team;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.auth.Callers;
import dev.oncall.api.graphql.ApiException;
import dev.oncall.api.graphql.DeletePayload;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.api.team.TeamController.MemberPayload;
import dev.oncall.core.team.Invitation;
import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.team.InvitationRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import graphql.schema.DataFetchingEnvironment;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Joining a team by consent: a team admin invites a person, who sees the invitation in
 * {@code me { invitations }} and accepts or declines it; the team's admins may cancel it
 * meanwhile. An invitation shows each side only who the other is ({@link PersonSummary}),
 * never an email or contact detail.
 */
@Controller
class InvitationController {
    private final InvitationRepository invitations;
    private final TeamRepository teams;
    private final UserRepository users;
    private final Clock clock;

    InvitationController(InvitationRepository invitations, TeamRepository teams, UserRepository users, Clock clock) {
        this.invitations = invitations;
        this.teams = teams;
        this.users = users;
        this.clock = clock;
    }

    record InviteMemberInput(UUID teamId, UUID userId, String handle, Role role) {}

    record IdInput(UUID id) {}

    record InvitationPayload(Invitation invitation, List<UserError> userErrors) {}

    @SchemaMapping(typeName = "User")
    List<Invitation> invitations(User user, Caller caller) {
        if (!caller.userId().map(user.id()::equals).orElse(false)) {
            throw ApiException.forbidden("only the person themselves sees their invitations");
        }
        return invitations.pendingFor(user.id());
    }

    @SchemaMapping(typeName = "Team")
    List<Invitation> invitations(Team team, Caller caller) {
        Access.require(caller, team.id(), Role.ADMIN);
        return invitations.pendingIn(team.id());
    }

    @SchemaMapping(typeName = "Invitation")
    CompletableFuture<Team> team(Invitation invitation, DataLoader<UUID, Team> loader) {
        return loader.load(invitation.teamId());
    }

    @SchemaMapping(typeName = "Invitation")
    CompletableFuture<PersonSummary> invitee(Invitation invitation, DataLoader<UUID, User> loader) {
        return loader.load(invitation.userId()).thenApply(PersonSummary::of);
    }

    @SchemaMapping(typeName = "Invitation")
    CompletableFuture<PersonSummary> invitedBy(Invitation invitation, DataLoader<UUID, User> loader) {
        return invitation.invitedBy().map(id -> loader.load(id).thenApply(u -> u == null ? null : PersonSummary.of(u)))
                .orElse(CompletableFuture.completedFuture(null));
    }

    /** Team admins, people only: the invitee sees who invited them. */
    @MutationMapping
    InvitationPayload inviteMember(Caller caller, @Argument InviteMemberInput input) {
        UUID inviter = Access.person(caller);
        return Mutations.attempt(() -> {
            Access.named(caller, teams.find(input.teamId()), Team::id, "teamId", "team", Role.ADMIN);
            User invitee = TeamController.resolveUser(users, input.userId(), input.handle());
            Invitation invitation = invitations.invite(input.teamId(), invitee.id(), input.role(), inviter,
                    clock.instant(), input.userId() != null ? "userId" : "handle");
            return new InvitationPayload(invitation, List.of());
        }, errors -> new InvitationPayload(null, errors));
    }

    /** The invitee only; anyone else's answer is the one for an id that does not exist. */
    @MutationMapping
    MemberPayload acceptInvitation(Caller caller, @Argument IdInput input, DataFetchingEnvironment env) {
        UUID person = Access.person(caller);
        return Mutations.attempt(() -> {
            Member member = invitations.accept(input.id(), person);
            Callers.membershipsChanged(env, teams);
            return new MemberPayload(member, List.of());
        }, errors -> new MemberPayload(null, errors));
    }

    /** The invitee only, answered like {@link #acceptInvitation} for anyone else. */
    @MutationMapping
    DeletePayload declineInvitation(Caller caller, @Argument IdInput input) {
        UUID person = Access.person(caller);
        return Mutations.attempt(() -> DeletePayload.deleted(invitations.decline(input.id(), person).id()),
                DeletePayload::refused);
    }

    /** Admins of the inviting team. */
    @MutationMapping
    DeletePayload cancelInvitation(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            Invitation invitation = Access.named(caller, invitations.find(input.id()), Invitation::teamId, "id",
                    "invitation", Role.ADMIN);
            if (!invitations.cancel(invitation.id())) {
                throw ValidationException.of("id", "no such invitation");
            }
            return DeletePayload.deleted(invitation.id());
        }, DeletePayload::refused);
    }
}
