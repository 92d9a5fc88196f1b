package dev.oncall.api.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.core.installation.InstallationRole;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Whoever creates a team is its admin from that moment, within the very request that created it:
 * the payload shows them the new team, so a client never loses its id and retries into duplicates.
 * By default (oncall.security.team-creation: admins) only installation admins create teams.
 */
class CreateTeamTest extends ApiTest {
    @Test
    void byDefaultNeitherATeamRoleNorATeamTokenCreatesTeams() {
        Crew crew = crew();
        String teamToken = teamToken(crew, "ADMIN");

        for (String token : new String[] {crew.token("ADMIN"), teamToken, someone(InstallationRole.USER).token()}) {
            JsonNode answer = as(token).attempt("createTeam", "team { id }", Map.of("name", unique("mine")));
            assertThat(answer.at("/errors/0/extensions/classification").asString()).as(answer.toString())
                    .isEqualTo("FORBIDDEN");
            assertThat(answer.at("/data/createTeam").isNull() || answer.at("/data/createTeam").isMissingNode()).isTrue();
        }
    }

    @Test
    void theCreatorReadsTheNewTeamInTheSameResponse() {
        Someone creator = someone(InstallationRole.ADMIN);
        String name = unique("new-team");

        JsonNode answer = as(creator.token()).run("""
                mutation($input: CreateTeamInput!) { createTeam(input: $input) {
                  team { id name myRole members { edges { node { role user { id } } } } }
                  userErrors { field message } } }""", Map.of("input", Map.of("name", name)));

        assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
        JsonNode team = answer.at("/data/createTeam/team");
        assertThat(team.get("id").asString()).isNotBlank();
        assertThat(team.get("name").asString()).isEqualTo(name);
        assertThat(team.get("myRole").asString()).isEqualTo("ADMIN");
        assertThat(team.at("/members/edges/0/node/user/id").asString()).isEqualTo(creator.id());
        assertThat(team.at("/members/edges/0/node/role").asString()).isEqualTo("ADMIN");
    }

    @Test
    void laterMutationsOfTheSameRequestActWithTheMembershipsAsTheyNowAre() {
        Crew crew = crew();
        Gql admin = as(crew.token("ADMIN"));

        // The admin steps down to observer, then tries to rename the team in the same request.
        JsonNode answer = admin.run("""
                mutation($team: ID!, $me: ID!) {
                  down: setMemberRole(input: {teamId: $team, userId: $me, role: OBSERVER}) { member { role } }
                  rename: updateTeam(input: {id: $team, name: "renamed"}) { team { name } }
                  mine: setMemberRole(input: {teamId: $team, userId: $me, role: ADMIN}) { member { role } }
                }""", Map.of("team", crew.teamId(), "me", crew.id("ADMIN")));

        assertThat(answer.get("errors")).anySatisfy(e -> {
            assertThat(e.at("/path/0").asString()).isEqualTo("rename");
            assertThat(e.at("/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        });
        JsonNode team = admin().data("query($id: ID!) { team(id: $id) { name members { edges { node { role user { id } } } } } }",
                Map.of("id", crew.teamId())).get("team");
        assertThat(team.get("name").asString()).isNotEqualTo("renamed");
        assertThat(team.at("/members/edges").findParents("role")).filteredOn(m -> m.at("/user/id").asString()
                .equals(crew.id("ADMIN"))).singleElement().satisfies(m -> assertThat(m.get("role").asString())
                .isEqualTo("OBSERVER"));
    }
}
