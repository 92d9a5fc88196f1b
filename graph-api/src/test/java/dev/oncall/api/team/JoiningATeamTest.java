package dev.oncall.api.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.user.UserRepository;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * How a person comes to be in a team: an installation admin adds them, or a team admin invites
 * them and they accept. A team admin can never pull someone in, and so can never gain a team
 * role over a stranger.
 */
class JoiningATeamTest extends ApiTest {
    private static final String MEMBER = "member { role team { id } user { id email } }";
    private static final String INVITATION = "invitation { id role team { id name } invitee { id handle name } invitedBy { id handle } }";

    @Autowired TeamRepository teams;
    @Autowired UserRepository users;
    @Autowired ContactRepository contacts;

    /** pat: a responder of "Payments" with a phone, whom an outsider targets. */
    private record Pat(Crew payments, User user, ContactMethod phone) {
        String id() {
            return user.id().toString();
        }
    }

    private Pat pat() {
        Crew payments = crew();
        User pat = users.find(UUID.fromString(payments.id("RESPONDER"))).orElseThrow();
        ContactMethod phone = contacts.addMethod(pat.id(), ContactMethodType.SMS, "phone", "+14155550142", 0);
        return new Pat(payments, pat, phone);
    }

    @Test
    void anAdminOfTheirOwnTeamCannotAddSomeoneOfAnotherTeamNorLearnWhetherTheyExist() {
        Pat pat = pat();
        Crew intruders = crew();
        Gql intruder = as(intruders.token("ADMIN"));

        JsonNode byHandle = intruder.attempt("addMember", MEMBER,
                Map.of("teamId", intruders.teamId(), "handle", pat.user().handle(), "role", "OBSERVER"));
        JsonNode byUnknownHandle = intruder.attempt("addMember", MEMBER,
                Map.of("teamId", intruders.teamId(), "handle", unique("nobody"), "role", "OBSERVER"));
        JsonNode byId = intruder.attempt("addMember", MEMBER,
                Map.of("teamId", intruders.teamId(), "userId", pat.id(), "role", "OBSERVER"));
        JsonNode byUnknownId = intruder.attempt("addMember", MEMBER,
                Map.of("teamId", intruders.teamId(), "userId", UUID.randomUUID().toString(), "role", "OBSERVER"));

        assertThat(byHandle.at("/errors/0/extensions/classification").asString()).as(byHandle.toString())
                .isEqualTo("FORBIDDEN");
        assertThat(byHandle.at("/data/addMember").isNull() || byHandle.at("/data/addMember").isMissingNode()).isTrue();
        assertThat(byUnknownHandle).isEqualTo(byHandle);
        assertThat(byUnknownId).isEqualTo(byId);
        assertThat(byId).isEqualTo(byHandle);
        for (JsonNode answer : new JsonNode[] {byHandle, byId}) {
            assertThat(answer.toString()).doesNotContain(pat.id(), pat.user().email(), pat.phone().address());
        }
        assertThat(teams.roleOf(UUID.fromString(intruders.teamId()), pat.user().id())).isEmpty();

        // Without a shared team, nothing of pat is theirs to read or change.
        JsonNode read = intruder.run("query($id: ID!) { user(id: $id) { email contactMethods { address } } }",
                Map.of("id", pat.id()));
        assertThat(read.at("/errors/0/extensions/classification").asString()).isEqualTo("NOT_FOUND");
        assertThat(read.toString()).doesNotContain(pat.phone().address(), pat.user().email());
        JsonNode moved = intruder.attempt("updateContactMethod", "contactMethod { id }", Map.of("id",
                pat.phone().id(), "address", "+14155550666", "priority", 0));
        assertThat(moved.at("/data/updateContactMethod/userErrors/0/message").asString()).isEqualTo("no such contact method");
        assertThat(contacts.findMethod(pat.phone().id()).orElseThrow().address()).isEqualTo("+14155550142");
    }

    @Test
    void anInvitationMakesSomeoneAMemberOnlyWhenTheyAcceptIt() {
        Crew team = crew();
        Gql admin = as(team.token("ADMIN"));
        Someone pat = someone(InstallationRole.USER);
        Gql patApi = as(pat.token());

        java.time.Instant invitedAt = clock.instant();
        JsonNode invited = admin.mutate("inviteMember", INVITATION,
                Map.of("teamId", team.teamId(), "handle", pat.handle(), "role", "RESPONDER"));

        // The inviter learns who they invited, never how to reach them.
        assertThat(invited.at("/invitation/invitee/handle").asString()).isEqualTo(pat.handle());
        assertThat(invited.at("/invitation/invitedBy/id").asString()).isEqualTo(team.id("ADMIN"));
        assertThat(invited.toString()).doesNotContain(pat.email());
        String invitation = invited.at("/invitation/id").asString();
        assertThat(teams.roleOf(UUID.fromString(team.teamId()), UUID.fromString(pat.id()))).isEmpty();
        JsonNode pending = admin.data("query($id: ID!) { team(id: $id) { invitations { id invitee { handle } } } }",
                Map.of("id", team.teamId()));
        assertThat(pending.at("/team/invitations/0/id").asString()).isEqualTo(invitation);
        assertThat(admin.run("query($id: ID!) { user(id: $id) { name } }", Map.of("id", pat.id()))
                .at("/errors/0/extensions/classification").asString()).isEqualTo("NOT_FOUND");

        // The invitee sees the offer, with the team's name and who made it.
        JsonNode mine = patApi.data("{ me { invitations { id role team { id name } invitedBy { handle } createdAt } } }");
        assertThat(mine.at("/me/invitations/0/createdAt").asString()).isEqualTo(invitedAt.toString());
        assertThat(mine.at("/me/invitations")).hasSize(1);
        assertThat(mine.at("/me/invitations/0/id").asString()).isEqualTo(invitation);
        assertThat(mine.at("/me/invitations/0/role").asString()).isEqualTo("RESPONDER");
        assertThat(mine.at("/me/invitations/0/team/id").asString()).isEqualTo(team.teamId());

        JsonNode accepted = patApi.mutate("acceptInvitation", "member { role team { id myRole } }", Map.of("id", invitation));

        assertThat(accepted.at("/member/role").asString()).isEqualTo("RESPONDER");
        assertThat(accepted.at("/member/team/myRole").asString()).isEqualTo("RESPONDER");
        assertThat(teams.roleOf(UUID.fromString(team.teamId()), UUID.fromString(pat.id())))
                .contains(dev.oncall.core.team.Role.RESPONDER);
        assertThat(patApi.data("{ me { invitations { id } } }").at("/me/invitations")).isEmpty();
        assertThat(admin.data("query($id: ID!) { team(id: $id) { invitations { id } } }", Map.of("id", team.teamId()))
                .at("/team/invitations")).isEmpty();
        // Now they share a team in which the inviter is admin: the inviter reads pat's contact details.
        assertThat(admin.data("query($id: ID!) { user(id: $id) { email } }", Map.of("id", pat.id()))
                .at("/user/email").asString()).isEqualTo(pat.email());
    }

    @Test
    void aDeclinedOrCancelledInvitationLeavesNoMember() {
        Crew team = crew();
        Gql admin = as(team.token("ADMIN"));
        Someone pat = someone(InstallationRole.USER);
        Gql patApi = as(pat.token());
        Map<String, Object> invite = Map.of("teamId", team.teamId(), "userId", pat.id(), "role", "OBSERVER");

        String first = admin.mutate("inviteMember", "invitation { id }", invite).at("/invitation/id").asString();
        assertThat(patApi.mutate("declineInvitation", "deletedId", Map.of("id", first)).get("deletedId").asString())
                .isEqualTo(first);
        String second = admin.mutate("inviteMember", "invitation { id }", invite).at("/invitation/id").asString();
        assertThat(admin.mutate("cancelInvitation", "deletedId", Map.of("id", second)).get("deletedId").asString())
                .isEqualTo(second);

        JsonNode late = patApi.attempt("acceptInvitation", "member { role }", Map.of("id", second));

        assertThat(late.at("/data/acceptInvitation/userErrors/0/field").asString()).isEqualTo("input.id");
        assertThat(late.at("/data/acceptInvitation/member").isNull()).isTrue();
        assertThat(teams.roleOf(UUID.fromString(team.teamId()), UUID.fromString(pat.id()))).isEmpty();
        assertThat(patApi.data("{ me { invitations { id } } }").at("/me/invitations")).isEmpty();
    }

    @Test
    void onlyTheInviteeAnswersAnInvitationAndOthersLearnNothingOfIt() {
        Crew team = crew();
        Crew other = crew();
        Someone pat = someone(InstallationRole.USER);
        String invitation = as(team.token("ADMIN")).mutate("inviteMember", "invitation { id }",
                Map.of("teamId", team.teamId(), "handle", pat.handle(), "role", "ADMIN")).at("/invitation/id").asString();

        for (String token : new String[] {team.token("RESPONDER"), other.token("ADMIN"), ADMIN_TOKEN}) {
            for (String answer : new String[] {"acceptInvitation", "declineInvitation"}) {
                String selection = answer.equals("acceptInvitation") ? "member { role }" : "deletedId";
                JsonNode real = as(token).attempt(answer, selection, Map.of("id", invitation));
                JsonNode unknown = as(token).attempt(answer, selection, Map.of("id", UUID.randomUUID().toString()));
                assertThat(real).as(answer).isEqualTo(unknown);
                assertThat(real.at("/data/" + answer + "/userErrors/0/field").asString()).isEqualTo("input.id");
            }
        }
        JsonNode cancelled = as(team.token("MANAGER")).attempt("cancelInvitation", "deletedId", Map.of("id", invitation));
        assertThat(cancelled.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        JsonNode byOutsider = as(other.token("ADMIN")).attempt("cancelInvitation", "deletedId", Map.of("id", invitation));
        assertThat(byOutsider).isEqualTo(as(other.token("ADMIN")).attempt("cancelInvitation", "deletedId",
                Map.of("id", UUID.randomUUID().toString())));
        JsonNode othersView = as(team.token("MANAGER")).run("query($id: ID!) { team(id: $id) { invitations { id } } }",
                Map.of("id", team.teamId()));
        assertThat(othersView.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(othersView.toString()).doesNotContain(invitation);

        assertThat(as(pat.token()).data("{ me { invitations { id role } } }").at("/me/invitations/0/role").asString())
                .isEqualTo("ADMIN");
    }

    @Test
    void invitingSomeoneAlreadyInTheTeamOrNobodyIsRefusedByField() {
        Crew team = crew();
        Gql admin = as(team.token("ADMIN"));

        JsonNode member = admin.attempt("inviteMember", "invitation { id }",
                Map.of("teamId", team.teamId(), "userId", team.id("OBSERVER"), "role", "RESPONDER"));
        JsonNode nobody = admin.attempt("inviteMember", "invitation { id }",
                Map.of("teamId", team.teamId(), "handle", unique("nobody"), "role", "RESPONDER"));
        JsonNode both = admin.attempt("inviteMember", "invitation { id }",
                Map.of("teamId", team.teamId(), "handle", "x", "userId", team.id("OBSERVER"), "role", "RESPONDER"));

        assertThat(member.at("/data/inviteMember/userErrors/0/field").asString()).isEqualTo("input.userId");
        assertThat(nobody.at("/data/inviteMember/userErrors/0/field").asString()).isEqualTo("input.handle");
        assertThat(both.at("/data/inviteMember/userErrors/0/field").asString()).isEqualTo("input.userId");
    }

    @Test
    void anInstallationAdminAddsAPersonToATeamDirectly() {
        Crew team = crew();
        Someone newcomer = someone(InstallationRole.USER);
        Gql installationAdmin = as(someone(InstallationRole.ADMIN).token());

        JsonNode added = installationAdmin.mutate("addMember", "member { role }",
                Map.of("teamId", team.teamId(), "handle", newcomer.handle(), "role", "RESPONDER"));

        assertThat(added.at("/member/role").asString()).isEqualTo("RESPONDER");
        assertThat(teams.roleOf(UUID.fromString(team.teamId()), UUID.fromString(newcomer.id())))
                .contains(dev.oncall.core.team.Role.RESPONDER);
    }
}
