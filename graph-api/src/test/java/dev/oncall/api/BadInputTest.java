package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bad input gets a clear answer naming what is wrong; nothing is written; never a 500 or a stack trace. */
class BadInputTest extends ApiTest {
    private Crew crew;
    private Gql manager;

    @BeforeEach
    void setUp() {
        crew = crew();
        manager = as(crew.token("MANAGER"));
    }

    @Test
    void aMalformedIdIsABadRequestAndWritesNothing() {
        JsonNode response = manager.attempt("createSchedule", "schedule { id }", Map.of("teamId", "not-a-uuid",
                "name", "x", "timezone", "UTC"));

        assertThat(response.at("/errors/0/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
        assertThat(response.at("/errors/0/message").asString()).contains("teamId");
        assertThat(schedulesOfTeam()).isZero();
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedBeforeAnythingRuns() {
        JsonNode response = manager.run("""
                mutation { createSchedule(input: {teamId: "%s", name: 12, timezone: "UTC"}) { schedule { id } } }"""
                .formatted(crew.teamId()));
        assertThat(response.at("/errors/0/message").asString()).containsIgnoringCase("name");
        assertThat(response.at("/errors/0/extensions/classification").asString()).isEqualTo("ValidationError");

        JsonNode badInstant = manager.run("{ schedule(id: \"" + UUID.randomUUID()
                + "\") { timeline(from: \"yesterday\", to: \"2026-03-03T00:00:00Z\") { zone } } }");
        assertThat(badInstant.at("/errors/0/message").asString()).contains("ISO-8601");
        assertThat(schedulesOfTeam()).isZero();
    }

    @Test
    void unknownIdsAreNamedOnTheirField() {
        JsonNode payload = manager.attempt("updateSchedule", "schedule { id }", Map.of("id", UUID.randomUUID(),
                "version", 1, "name", "x", "timezone", "UTC")).at("/data/updateSchedule");
        assertThat(payload.get("userErrors").get(0).get("field").asString()).isEqualTo("input.id");
        assertThat(payload.get("userErrors").get(0).get("message").asString()).isEqualTo("no such schedule");

        JsonNode query = manager.run("query($id: ID!) { schedule(id: $id) { name } }", Map.of("id", UUID.randomUUID()));
        assertThat(query.at("/errors/0/extensions/classification").asString()).isEqualTo("NOT_FOUND");
        assertThat(query.at("/data/schedule").isNull()).isTrue();
    }

    @Test
    void invalidZonesAreRefusedWhereTheyAreGiven() {
        JsonNode payload = manager.attempt("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                "name", "x", "timezone", "Mars/Olympus_Mons")).at("/data/createSchedule");
        assertThat(payload.at("/userErrors/0/field").asString()).isEqualTo("input.timezone");
        assertThat(schedulesOfTeam()).isZero();

        String scheduleId = manager.mutate("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                "name", "x", "timezone", "UTC")).at("/schedule/id").asString();
        JsonNode timeline = manager.run("""
                query($id: ID!) { schedule(id: $id) { timeline(from: "2026-03-02T00:00:00Z", to: "2026-03-03T00:00:00Z",
                  zone: "Nowhere/Town") { zone } } }""", Map.of("id", scheduleId));
        assertThat(timeline.at("/errors/0/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
        assertThat(timeline.at("/errors/0/message").asString()).contains("Nowhere/Town");
    }

    @Test
    void everyProblemWithALayerIsReportedAtItsInputPathAndNothingIsWritten() {
        JsonNode payload = manager.attempt("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                "name", "x", "timezone", "UTC", "layers", List.of(
                        EndToEndTest.layer("a", "2026-03-02T09:00", "WEEKLY", List.of(crew.id("RESPONDER")), List.of()),
                        Map.of("name", "b", "start", "next monday", "rotation", Map.of("type", "DAILY", "length", 0),
                                "participants", List.of(crew.id("RESPONDER")))))).at("/data/createSchedule");
        assertThat(payload.get("userErrors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("input.layers[1].start", "input.layers[1].rotation.length");

        JsonNode stranger = manager.attempt("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(),
                "name", "x", "timezone", "UTC", "layers", List.of(EndToEndTest.layer("a", "2026-03-02T09:00", "WEEKLY",
                        List.of(crew.id("RESPONDER"), UUID.randomUUID().toString()), List.of())))).at("/data/createSchedule");
        assertThat(stranger.at("/userErrors/0/field").asString()).isEqualTo("input.layers[0].participants[1]");
        assertThat(schedulesOfTeam()).isZero();
    }

    @Test
    void aStaleVersionIsRefusedOnVersion() {
        JsonNode created = manager.mutate("createSchedule", "schedule { id version }", Map.of("teamId", crew.teamId(),
                "name", "x", "timezone", "UTC"));
        String id = created.at("/schedule/id").asString();
        manager.mutate("updateSchedule", "schedule { version }", Map.of("id", id, "version", 1, "name", "y",
                "timezone", "UTC"));

        JsonNode stale = manager.attempt("updateSchedule", "schedule { id }", Map.of("id", id, "version", 1,
                "name", "z", "timezone", "UTC")).at("/data/updateSchedule");

        assertThat(stale.at("/userErrors/0/field").asString()).isEqualTo("input.version");
        assertThat(manager.data("query($id: ID!) { schedule(id: $id) { name version } }", Map.of("id", id))
                .at("/schedule/name").asString()).isEqualTo("y");
    }

    @Test
    void oversizedDeepAndComplexQueriesAreRefused() {
        String huge = "{ serverInfo { region } } # " + "x".repeat(70_000);
        assertThat(post(huge, Map.of(), crew.token("MANAGER")).statusCode()).isEqualTo(413);

        String deep = "{ teams { edges { node { members { edges { node { user { memberships { team { members { edges {"
                + " node { user { memberships { team { members { edges { node { role } } } } } } } } } } } } } } } } } } }";
        JsonNode tooDeep = manager.run(deep);
        assertThat(tooDeep.at("/errors/0/message").asString()).containsIgnoringCase("depth");
        assertThat(tooDeep.path("data").path("teams").isMissingNode() || tooDeep.path("data").isNull()).isTrue();

        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            wide.append(" a").append(i).append(": teams(first: 100) { edges { node { id } } }");
        }
        JsonNode tooComplex = manager.run(wide.append(" }").toString());
        assertThat(tooComplex.at("/errors/0/message").asString()).containsIgnoringCase("complexity");

        JsonNode bigPage = manager.run("{ teams(first: 500) { edges { node { id } } } }");
        assertThat(bigPage.at("/errors/0/message").asString()).contains("between 1 and 100");
    }

    private long schedulesOfTeam() {
        return manager.data("query($id: ID!) { team(id: $id) { schedules { edges { node { id } } } } }",
                Map.of("id", crew.teamId())).at("/team/schedules/edges").size();
    }
}
