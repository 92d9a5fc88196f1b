package dev.oncall.api.installation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.store.user.UserRepository;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Installation roles: who holds them, who gives them, and that giving is bounded by one's own. */
class InstallationRolesTest extends ApiTest {
    @Autowired UserRepository users;

    private InstallationRole roleOf(String userId) {
        return users.installationRoleOf(UUID.fromString(userId));
    }

    @Test
    void theBootstrapAdminIsTheOwnerAndTeamRolesGrantNoInstallationRole() {
        Crew crew = crew();

        assertThat(admin().data("{ me { installationRole } }").at("/me/installationRole").asString()).isEqualTo("OWNER");
        assertThat(as(crew.token("ADMIN")).data("{ me { installationRole } }").at("/me/installationRole").asString())
                .isEqualTo("USER");
        JsonNode members = as(crew.token("OBSERVER")).data("query($id: ID!) { team(id: $id) { members { edges { node { "
                + "role user { id installationRole } } } } } }", Map.of("id", crew.teamId()));
        assertThat(members.at("/team/members/edges").findValuesAsString("installationRole")).contains("OWNER", "USER");
    }

    @Test
    void aTeamAdminCannotGiveInstallationRoles() {
        Crew crew = crew();

        JsonNode answer = as(crew.token("ADMIN")).attempt("setInstallationRole", "user { id }",
                Map.of("userId", crew.id("ADMIN"), "role", "ADMIN"));

        assertThat(answer.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(roleOf(crew.id("ADMIN"))).isEqualTo(InstallationRole.USER);
    }

    @Test
    void anAdminGivesRolesUpToTheirOwnButNeverTouchesOwners() {
        Gql admin = as(someone(InstallationRole.ADMIN).token());
        Someone user = someone(InstallationRole.USER);
        Someone owner = someone(InstallationRole.OWNER);

        JsonNode raised = admin.mutate("setInstallationRole", "user { id installationRole }",
                Map.of("userId", user.id(), "role", "ADMIN"));
        JsonNode toOwner = admin.attempt("setInstallationRole", "user { id }", Map.of("userId", user.id(), "role", "OWNER"));
        JsonNode demoteOwner = admin.attempt("setInstallationRole", "user { id }", Map.of("userId", owner.id(), "role", "USER"));

        assertThat(raised.at("/user/installationRole").asString()).isEqualTo("ADMIN");
        assertThat(toOwner.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(demoteOwner.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(roleOf(user.id())).isEqualTo(InstallationRole.ADMIN);
        assertThat(roleOf(owner.id())).isEqualTo(InstallationRole.OWNER);
    }

    @Test
    void anOwnerMakesAndUnmakesOwners() {
        Gql owner = as(someone(InstallationRole.OWNER).token());
        Someone next = someone(InstallationRole.USER);

        owner.mutate("setInstallationRole", "user { id }", Map.of("userId", next.id(), "role", "OWNER"));
        assertThat(roleOf(next.id())).isEqualTo(InstallationRole.OWNER);
        owner.mutate("setInstallationRole", "user { id }", Map.of("userId", next.id(), "role", "USER"));
        assertThat(roleOf(next.id())).isEqualTo(InstallationRole.USER);
    }

    @Test
    void someoneWhoStepsDownActsWithTheNewRoleInTheSameRequest() {
        Someone owner = someone(InstallationRole.OWNER);

        JsonNode answer = as(owner.token()).run("""
                mutation($me: ID!) {
                  down: setInstallationRole(input: {userId: $me, role: USER}) { user { installationRole } }
                  team: createTeam(input: {name: "%s"}) { team { id } }
                }""".formatted(unique("after-stepping-down")), Map.of("me", owner.id()));

        assertThat(roleOf(owner.id())).isEqualTo(InstallationRole.USER);
        assertThat(answer.get("errors")).as(answer.toString()).singleElement().satisfies(e -> {
            assertThat(e.at("/path/0").asString()).isEqualTo("team");
            assertThat(e.at("/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        });
    }

    @Test
    void anUnknownPersonIsRefusedByField() {
        JsonNode answer = admin().attempt("setInstallationRole", "user { id }",
                Map.of("userId", UUID.randomUUID().toString(), "role", "ADMIN"));

        assertThat(answer.at("/data/setInstallationRole/userErrors/0/field").asString()).isEqualTo("input.userId");
    }
}
