package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Gql;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.Poll;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Before an incident, a manager asks who each step of the policy would page; then an incident
 * walks through every step (escalated by hand). Each step pages exactly the people the preview
 * named: a schedule's on-call person, a named person also on the schedule (paged once), and the
 * whole team without its observers.
 */
@ExtendWith(InstallationExtension.class)
class WhoIsOnCallIsWhoIsPagedStory {

    @Test
    void everyStepPagesExactlyThePeopleWhoIsOnCallNamed(Installation system) {
        Crew crew = Crew.of(system, "Platform", List.of("jon", "kim"), "lea", List.of("max"));
        String policy = crew.admin.mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of(
                "teamId", crew.teamId, "name", "Everyone eventually", "steps", List.of(
                        step(Map.of("type", "SCHEDULE", "id", crew.scheduleId)),
                        step(Map.of("type", "USER", "id", crew.onCallNow().getFirst().id()),
                                Map.of("type", "SCHEDULE", "id", crew.scheduleId),
                                Map.of("type", "USER", "id", crew.people.values().stream()
                                        .filter(p -> p.role().equals("MANAGER")).findFirst().orElseThrow().id())),
                        step(Map.of("type", "TEAM", "id", crew.teamId)))))
                .at("/escalationPolicy/id").asString();
        String service = crew.admin.mutate("createService", "service { id }", Map.of(
                "teamId", crew.teamId, "name", "Platform API", "escalationPolicyId", policy)).at("/service/id").asString();

        String incident = crew.admin.mutate("triggerIncident", "incident { id }", Map.of(
                "serviceId", service, "summary", "API down", "urgency", "HIGH")).at("/incident/id").asString();
        for (int step = 0; step < 3; step++) {
            List<String> previewed = preview(crew.admin, policy, step);
            int s = step;
            JsonNode fired = Poll.value("step " + step + " fired", () -> crew.events(incident).stream()
                    .filter(e -> e.get("kind").asString().equals("STEP_FIRED") && e.at("/data/step").asInt(-1) == s)
                    .findFirst());
            assertThat(fired.at("/data/users").valueStream().map(JsonNode::asString).toList())
                    .as("step %d pages whom whoIsOnCall named", step)
                    .containsExactlyInAnyOrderElementsOf(previewed)
                    .doesNotHaveDuplicates();
            if (step < 2) {
                crew.admin.mutate("escalate", "incident { id }", Map.of("incidentId", incident));
            }
        }
        List<String> everyone = preview(crew.admin, policy, 2);
        assertThat(everyone).as("observers are never paged").doesNotContain(crew.people.values().stream()
                .filter(p -> p.role().equals("OBSERVER")).findFirst().orElseThrow().id());
    }

    private static Map<String, Object> step(Map<?, ?>... targets) {
        return Map.of("escalateAfterSeconds", 600, "targets", List.of(targets));
    }

    private static List<String> preview(Gql as, String policy, int step) {
        JsonNode steps = as.data("query($p: ID!) { whoIsOnCall(policyId: $p) { level users { id } } }",
                Map.of("p", policy)).get("whoIsOnCall");
        Optional<JsonNode> level = steps.valueStream().filter(s -> s.get("level").asInt() == step + 1).findFirst();
        return Gql.texts(level.orElseThrow().get("users"), "id");
    }
}
