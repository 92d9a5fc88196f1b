package dev.oncall.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An operation's cost counts page sizes, days of time ranges and every alias, and one that costs
 * more than the limit (the default, oncall.api.max-query-complexity) is refused with a clear
 * error before anything runs; the queries people actually send are answered.
 */
class QueryCostTest extends ApiTest {
    private static final String FROM = "2026-03-02T00:00:00Z";
    private static final String TO_400_DAYS = "2027-04-06T00:00:00Z";

    private Crew crew;
    private String scheduleId;

    @BeforeEach
    void setUp() {
        crew = crew();
        scheduleId = dailySchedule(as(crew.token("MANAGER")), crew.teamId(),
                List.of(crew.id("RESPONDER"), crew.id("MANAGER")), 1);
    }

    @Test
    void twentyAliasesOfA400DayTimelineAreRefusedBeforeExecution() {
        StringBuilder query = new StringBuilder("query($id: ID!) { schedule(id: $id) {");
        for (int i = 0; i < 20; i++) {
            query.append(" t").append(i).append(": timeline(from: \"").append(FROM).append("\", to: \"")
                    .append(TO_400_DAYS).append("\") { segments { start } }");
        }
        JsonNode refused = as(crew.token("OBSERVER")).run(query.append(" } }").toString(), Map.of("id", scheduleId));

        assertTooComplex(refused);
    }

    @Test
    void one400DayTimelineWithEverythingInItIsAnswered() {
        JsonNode data = as(crew.token("OBSERVER")).data("""
                query($id: ID!) { schedule(id: $id) { name timeline(from: "%s", to: "%s", zone: "Asia/Kathmandu") {
                  zone segments { start end startLocal endLocal users { id handle name } }
                  gaps { start end startLocal endLocal } } } }""".formatted(FROM, TO_400_DAYS), Map.of("id", scheduleId));

        assertThat(data.at("/schedule/timeline/segments").size()).isEqualTo(400);
    }

    @Test
    void nestedConnectionsAreCountedAtTheirPageSizes() {
        JsonNode large = as(crew.token("OBSERVER")).run("""
                { incidents(first: 100) { edges { node { events(first: 100) { edges { node {
                  incident { events(first: 100) { edges { node { id } } } } } } } } } } }""");
        assertTooComplex(large);

        JsonNode defaults = as(crew.token("OBSERVER")).run("""
                { incidents { edges { node { events { edges { node { incident { events { edges { node { id } } } } } } } } } } }""");
        assertTooComplex(defaults);

        JsonNode small = as(crew.token("OBSERVER")).run("""
                { incidents(first: 20) { edges { node { id title events(first: 20) { edges { node {
                  kind incident { id status } } } } } } } }""");
        assertThat(small.path("errors").isMissingNode()).as(small.toString()).isTrue();
    }

    @Test
    void everyDayQueriesWithDefaultPagesAreAnswered() {
        // The README's first query, and one a dashboard asks: teams, their people and schedules, default pages.
        JsonNode readme = as(crew.token("OBSERVER")).run("""
                { me { handle } teams { edges { node { name schedules { edges { node { name onCall { name } } } } } } } }""");
        assertThat(readme.path("errors").isMissingNode()).as(readme.toString()).isTrue();
        JsonNode board = as(crew.token("OBSERVER")).run("""
                { teams { edges { node { id name members { edges { node { role user { id handle name } } } }
                  schedules { edges { node { id name timezone onCall { id name } } } }
                  escalationPolicies { edges { node { id name } } } } } } }""");
        assertThat(board.path("errors").isMissingNode()).as(board.toString()).isTrue();
    }

    @Test
    void aRefusedMutationChangesNothing() {
        String name = unique("refused");
        JsonNode refused = admin().run("""
                mutation($name: String!) { createTeam(input: {name: $name}) { team { schedules(first: 100) { edges {
                  node { timeline(from: "%s", to: "%s") { segments { start } } } } } } userErrors { field } } }"""
                .formatted(FROM, TO_400_DAYS), Map.of("name", name));
        assertTooComplex(refused);

        JsonNode teams = admin().data("{ teams(first: 100) { edges { node { name } } } }");
        assertThat(teams.at("/teams/edges").findValuesAsString("name")).doesNotContain(name);
    }

    private static void assertTooComplex(JsonNode response) {
        assertThat(response.path("data").isMissingNode() || response.path("data").isNull()).as(response.toString()).isTrue();
        JsonNode error = response.at("/errors/0");
        assertThat(error.at("/extensions/code").asString()).as(response.toString()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(error.at("/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
        assertThat(error.at("/extensions/limit").asInt()).isEqualTo(50_000);
        assertThat(error.at("/message").asString()).contains("oncall.api.max-query-complexity");
    }
}
