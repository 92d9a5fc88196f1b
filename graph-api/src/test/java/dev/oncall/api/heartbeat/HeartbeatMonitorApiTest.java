package dev.oncall.api.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.store.heartbeat.HeartbeatMonitorRepository;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A manager sets up a heartbeat monitor through GraphQL, a job pings it, and the team sees its state. */
class HeartbeatMonitorApiTest extends ApiTest {
    @Autowired
    HeartbeatMonitorRepository monitors;

    @Test
    void aManagerCreatesAMonitorThePingKeyIsGuardedAndPingsShowUp() {
        Crew crew = crew();
        Gql manager = as(crew.token("MANAGER"));
        String service = service(manager, crew);

        JsonNode created = manager.mutate("createHeartbeatMonitor",
                "heartbeatMonitor { id name intervalMinutes state secret }",
                Map.of("serviceId", service, "name", "nightly backup", "intervalMinutes", 1440)).get("heartbeatMonitor");
        assertThat(created.get("state").asString()).isEqualTo("INACTIVE");
        assertThat(created.get("intervalMinutes").asInt()).isEqualTo(1440);
        String secret = created.get("secret").asString();
        assertThat(secret).hasSize(32);

        monitors.ping(secret, clock.instant());
        String query = "query($id: ID!) { service(id: $id) { heartbeatMonitors { name state nextPingDueAt } } }";
        JsonNode seen = as(crew.token("OBSERVER")).data(query, Map.of("id", service)).at("/service/heartbeatMonitors/0");
        assertThat(seen.get("state").asString()).isEqualTo("HEALTHY");
        assertThat(seen.get("nextPingDueAt").asString()).isEqualTo(clock.instant().plus(Duration.ofDays(1)).toString());

        JsonNode refused = as(crew.token("RESPONDER")).run(
                "query($id: ID!) { service(id: $id) { heartbeatMonitors { secret } } }", Map.of("id", service));
        assertThat(refused.get("errors").get(0).at("/extensions/classification").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void badIntervalsAreRefusedFieldByFieldAndNothingIsWritten() {
        Crew crew = crew();
        Gql manager = as(crew.token("MANAGER"));
        String service = service(manager, crew);

        JsonNode payload = manager.attempt("createHeartbeatMonitor", "heartbeatMonitor { id }",
                Map.of("serviceId", service, "name", "", "intervalMinutes", 0)).at("/data/createHeartbeatMonitor");

        assertThat(payload.get("heartbeatMonitor").isNull()).isTrue();
        assertThat(payload.get("userErrors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("input.name", "input.interval");
        assertThat(monitors.listByService(UUID.fromString(service))).isEmpty();
    }

    private String service(Gql manager, Crew crew) {
        String policy = manager.mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of("teamId",
                crew.teamId(), "name", unique("p"), "steps", java.util.List.of(Map.of("escalateAfterSeconds", 300,
                        "targets", java.util.List.of(Map.of("type", "TEAM", "id", crew.teamId()))))))
                .at("/escalationPolicy/id").asString();
        return manager.mutate("createService", "service { id }", Map.of("teamId", crew.teamId(), "name",
                unique("svc"), "escalationPolicyId", policy)).at("/service/id").asString();
    }
}
