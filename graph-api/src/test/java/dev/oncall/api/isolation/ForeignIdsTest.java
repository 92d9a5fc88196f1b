package dev.oncall.api.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An id of another team's thing is answered exactly as an id that names nothing: the same error,
 * classification and message, and no data. Otherwise anyone could probe which ids exist.
 */
class ForeignIdsTest extends ApiTest {
    @Test
    void aForeignIdAnswersAsAnIdThatNamesNothing() {
        Crew victim = crew();
        Gql manager = as(victim.token("MANAGER"));
        String policy = manager.mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of(
                "teamId", victim.teamId(), "name", "p", "steps", List.of(Map.of("escalateAfterSeconds", 300,
                        "targets", List.of(Map.of("type", "TEAM", "id", victim.teamId()))))))
                .at("/escalationPolicy/id").asString();
        String service = manager.mutate("createService", "service { id }", Map.of("teamId", victim.teamId(),
                "name", "svc", "escalationPolicyId", policy)).at("/service/id").asString();
        String schedule = dailySchedule(manager, victim.teamId(), List.of(victim.id("RESPONDER")), 1);
        String incident = manager.mutate("triggerIncident", "incident { id }", Map.of("serviceId", service,
                "summary", "disk full")).at("/incident/id").asString();

        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("query($id: ID!) { team(id: $id) { id name } }", victim.teamId());
        probes.put("query($id: ID!) { escalationPolicy(id: $id) { id name } }", policy);
        probes.put("query($id: ID!) { service(id: $id) { id name } }", service);
        probes.put("query($id: ID!) { exportRoutingRules(serviceId: $id) }", service);
        probes.put("query($id: ID!) { schedule(id: $id) { id name } }", schedule);
        probes.put("query($id: ID!) { exportSchedule(id: $id) }", schedule);
        probes.put("query($id: ID!) { incident(id: $id) { id title } }", incident);
        probes.put("query($id: ID!) { user(id: $id) { id handle } }", victim.id("RESPONDER"));
        probes.put("query($id: ID!) { whoIsOnCall(teamId: $id) { level } }", victim.teamId());
        probes.put("query($id: ID!) { whoIsOnCall(policyId: $id) { level } }", policy);
        probes.put("query($id: ID!) { incidents(teamId: $id) { edges { node { id } } } }", victim.teamId());

        int cases = 0;
        for (String role : List.of("ADMIN", "OBSERVER")) {
            Gql outsider = as(crew().token(role));
            for (var probe : probes.entrySet()) {
                JsonNode foreign = outsider.run(probe.getKey(), Map.of("id", probe.getValue()));
                JsonNode nothing = outsider.run(probe.getKey(), Map.of("id", UUID.randomUUID().toString()));

                String what = role + " " + probe.getKey();
                assertThat(foreign.at("/errors/0/message").asString()).as(what).isNotEmpty()
                        .isEqualTo(nothing.at("/errors/0/message").asString());
                assertThat(foreign.at("/errors/0/extensions")).as(what).isEqualTo(nothing.at("/errors/0/extensions"));
                assertThat(foreign.get("data")).as(what).isEqualTo(nothing.get("data"));
                assertThat(foreign.toString()).as(what).doesNotContain(probe.getValue());
                cases++;
            }
        }
        System.out.println("foreign-id cases compared with ids naming nothing: " + cases);
    }
}
