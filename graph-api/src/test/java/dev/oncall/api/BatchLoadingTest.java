package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nested reads cost a query per level, not per item: a team with nine layers across three
 * schedules is read with as many statements as a team with one.
 */
class BatchLoadingTest extends ApiTest {
    private static final String QUERY = """
            query($id: ID!) { team(id: $id) {
              members { edges { node { role user { handle } } } }
              schedules { edges { node { name team { name } layers { name participants { handle } } } } } } }""";

    @Test
    void scheduleLayersParticipantsAndMembersAreBatchLoaded() {
        Crew small = crewWithSchedules(1, 1);
        Crew large = crewWithSchedules(3, 3);

        Map<String, Long> one = statements(small);
        Map<String, Long> many = statements(large);

        assertThat(many).isEqualTo(one);
        assertThat(many.get("rotation_layers")).isEqualTo(1);
        assertThat(many.get("layer_participants")).isEqualTo(1);
        assertThat(many.get("users")).isLessThanOrEqualTo(2);
    }

    private Map<String, Long> statements(Crew crew) {
        Gql gql = as(crew.token("OBSERVER"));
        SqlLog.clear();
        var data = gql.data(QUERY, Map.of("id", crew.teamId()));
        assertThat(data.at("/team/schedules/edges")).isNotEmpty();
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String table : List.of("users", "rotation_layers", "layer_participants", "schedules", "teams", "team_members")) {
            counts.put(table, SqlLog.count(table));
        }
        return counts;
    }

    private Crew crewWithSchedules(int schedules, int layers) {
        Crew crew = crew();
        Gql manager = as(crew.token("MANAGER"));
        for (int s = 0; s < schedules; s++) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                list.add(EndToEndTest.layer("layer " + l, "2026-03-02T09:00", "WEEKLY",
                        List.of(crew.id("RESPONDER"), crew.id("OBSERVER"), crew.id("MANAGER")), List.of()));
            }
            manager.mutate("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(), "name", "s" + s,
                    "timezone", "UTC", "layers", list));
        }
        return crew;
    }
}
