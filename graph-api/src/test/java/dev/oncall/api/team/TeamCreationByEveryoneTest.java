package dev.oncall.api.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.core.installation.InstallationRole;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** With oncall.security.team-creation: everyone, every person creates teams; team tokens still do not. */
@TestPropertySource(properties = "oncall.security.team-creation=everyone")
class TeamCreationByEveryoneTest extends ApiTest {
    @Test
    void everyPersonCreatesTeamsButNoTeamToken() {
        Crew crew = crew();
        String teamToken = teamToken(crew, "ADMIN");

        JsonNode created = as(someone(InstallationRole.USER).token()).mutate("createTeam", "team { myRole }",
                Map.of("name", unique("own")));
        JsonNode byToken = as(teamToken).attempt("createTeam", "team { id }", Map.of("name", unique("own")));

        assertThat(created.at("/team/myRole").asString()).isEqualTo("ADMIN");
        assertThat(byToken.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
    }
}
